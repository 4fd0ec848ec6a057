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

        return ack!;
    }
}
