using AgentRec.Core.Catalog;
using AgentRec.Core.State;

namespace AgentRec.Core.Personalization;

/// <summary>
/// Validates a feedback signal and stores it; the acknowledgement is returned only after the commit. A signal sent
/// again with the same <see cref="FeedbackRequest.EventId"/> is acknowledged again and stored once.
/// </summary>
public sealed class FeedbackRecorder(ItemCatalog catalog, IStateStore store, TimeProvider time)
{
    /// <summary>Records the signal, or returns the contract error that explains why it was refused.</summary>
    public async Task<(FeedbackAck? Ack, RecommendationError? Error)> RecordAsync(FeedbackRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return (null, new RecommendationError(ErrorCodes.InvalidRequest, "The feedback body is missing."));
        }

        if (string.IsNullOrEmpty(request.UserId))
        {
            return (null, new RecommendationError(ErrorCodes.InvalidRequest, "'userId' is required."));
        }

        var invalidId = RequestIds.Validate(request.UserId, "userId")
            ?? RequestIds.Validate(request.ConversationId, "conversationId")
            ?? RequestIds.Validate(request.EventId, "eventId");
        if (invalidId is not null)
        {
            return (null, invalidId);
        }

        if (!InteractionKinds.IsFeedbackSignal(request.Signal))
        {
            return (null, new RecommendationError(ErrorCodes.InvalidRequest,
                $"'signal' must be one of {string.Join(", ", InteractionKinds.FeedbackSignals)}."));
        }

        if (string.IsNullOrEmpty(request.ItemId) || !catalog.TryGet(request.ItemId, out _))
        {
            return (null, new RecommendationError(ErrorCodes.UnknownItem, $"No catalog item has id '{Truncate(request.ItemId)}'."));
        }

        var value = request.Signal switch
        {
            InteractionKinds.Like => 1.0,
            InteractionKinds.Dislike => -1.0,
            _ => 0.0,
        };
        await store.AddFeedbackAsync(
            new Interaction(request.UserId, request.ItemId, request.Signal!, value, time.GetUtcNow().ToUnixTimeSeconds(), request.ConversationId, request.EventId),
            cancellationToken).ConfigureAwait(false);
        return (new FeedbackAck(true, request.UserId, request.ItemId, request.Signal!), null);
    }

    // The id is echoed to the caller (and may reach a log through the error), so it goes through the log-safe form.
    private static string Truncate(string? id) => id is null ? string.Empty : LogText.Safe(id, 64);
}
