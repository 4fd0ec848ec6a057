using System.Runtime.CompilerServices;
using AgentRec.Api.Security;
using AgentRec.Core.Personalization;

namespace AgentRec.Api.Hubs;

/// <summary>
/// The streaming contract: <c>Recommend</c> streams intent, items, tokens and done/error; <c>Feedback</c>
/// returns once the signal is durable. A client that disconnects cancels its running recommendation.
/// </summary>
public sealed class RecommendHub(RecommendationPipeline pipeline, FeedbackRecorder feedback, CallerIdentity identity) : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/recommend";

    /// <summary>Streams the answer to one message.</summary>
    public IAsyncEnumerable<RecommendationEvent> Recommend(RecommendRequest? request, CancellationToken cancellationToken)
    {
        var (userId, forbidden) = identity.Resolve(Context.User, request?.UserId);
        return forbidden is not null
            ? Once(forbidden, cancellationToken)
            : pipeline.RunAsync(request is null ? null : request with { UserId = userId }, cancellationToken);
    }

    /// <summary>Records a like, dislike, watched or skip; the acknowledgement means it is committed.</summary>
    public async Task<FeedbackAck> Feedback(FeedbackRequest? request)
    {
        var (userId, forbidden) = identity.Resolve(Context.User, request?.UserId);
        var (ack, error) = forbidden is not null
            ? (null, forbidden)
            : await feedback.RecordAsync(request is null ? null : request with { UserId = userId }, Context.ConnectionAborted);
        if (error is not null)
        {
            // HubException messages reach the client verbatim; other exceptions are masked by SignalR.
            throw new HubException($"{error.Code}: {error.Message}");
        }

        if (ack!.UserId is { Length: > 0 } owner)
        {
            // Every connection of the user, on any replica (through the backplane), hears that the profile changed.
            await Clients.Group(UserGroup(owner)).SendAsync(ProfileUpdatedEvent, new ProfileUpdated(owner, ack.ItemId, ack.Signal), Context.ConnectionAborted);
        }

        return ack!;
    }

    /// <summary>A stream of one <c>error</c> event: the contract's answer to a refused request.</summary>
    internal static async IAsyncEnumerable<RecommendationEvent> Once(RecommendationError error, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        yield return RecommendationEvent.ForError(error.Code, error.Message);
    }

    /// <summary>Adds this connection to the user's group, which hears <c>profileUpdated</c> after each of the user's acknowledged feedback.</summary>
    public Task JoinUser(string? userId)
    {
        // A signed-in caller may only listen to their own profile; an omitted id means their own.
        var (resolved, forbidden) = identity.Resolve(Context.User, userId);
        if (forbidden is not null)
        {
            throw new HubException($"{forbidden.Code}: {forbidden.Message}");
        }

        if (string.IsNullOrWhiteSpace(resolved) || resolved.Length > 128)
        {
            throw new HubException($"{ErrorCodes.InvalidRequest}: userId must be 1 to 128 characters.");
        }

        return Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(resolved), Context.ConnectionAborted);
    }

    /// <summary>The client method that receives <see cref="ProfileUpdated"/> notices.</summary>
    public const string ProfileUpdatedEvent = "profileUpdated";

    private static string UserGroup(string userId) => "user:" + userId;
}

/// <summary>Sent to a user's connections once a feedback signal of theirs is durable.</summary>
public sealed record ProfileUpdated(string UserId, string ItemId, string Signal);
