using AgentRec.Core.Personalization;
using AgentRec.Core.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace AgentRec.Api.Hubs;

/// <summary>
/// The streaming contract: <c>Recommend</c> streams intent, items, tokens and done/error; <c>Feedback</c>
/// returns once the signal is durable. A client that disconnects cancels its running recommendation.
/// </summary>
public sealed class RecommendHub(RecommendationPipeline pipeline, FeedbackRecorder feedback) : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/recommend";

    /// <summary>Streams the answer to one message.</summary>
    public IAsyncEnumerable<RecommendationEvent> Recommend(RecommendRequest? request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, cancellationToken);

    /// <summary>Records a like, dislike, watched or skip; the acknowledgement means it is committed.</summary>
    public async Task<FeedbackAck> Feedback(FeedbackRequest? request)
    {
        var (ack, error) = await feedback.RecordAsync(request, Context.ConnectionAborted);
        if (error is not null)
        {
            // HubException messages reach the client verbatim; other exceptions are masked by SignalR.
            throw new HubException($"{error.Code}: {error.Message}");
        }

        if (request!.UserId is { Length: > 0 } userId)
        {
            // Every connection of the user, on any replica (through the backplane), hears that the profile changed.
            await Clients.Group(UserGroup(userId)).SendAsync(ProfileUpdatedEvent, new ProfileUpdated(userId, request.ItemId!, request.Signal!), Context.ConnectionAborted);
        }

        return ack!;
    }

    /// <summary>Adds this connection to the user's group, which hears <c>profileUpdated</c> after each of the user's acknowledged feedback.</summary>
    public Task JoinUser(string userId)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > 128)
        {
            throw new HubException($"{ErrorCodes.InvalidRequest}: userId must be 1 to 128 characters.");
        }

        return Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(userId), Context.ConnectionAborted);
    }

    /// <summary>The client method that receives <see cref="ProfileUpdated"/> notices.</summary>
    public const string ProfileUpdatedEvent = "profileUpdated";

    private static string UserGroup(string userId) => "user:" + userId;
}

/// <summary>Sent to a user's connections once a feedback signal of theirs is durable.</summary>
public sealed record ProfileUpdated(string UserId, string ItemId, string Signal);
