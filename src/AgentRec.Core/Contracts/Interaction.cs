namespace AgentRec.Core.Contracts;

/// <summary>One stored interaction.</summary>
/// <param name="UserId">Who.</param>
/// <param name="ItemId">Which catalog item.</param>
/// <param name="Kind">One of <see cref="InteractionKinds"/>.</param>
/// <param name="Value">The rating for imported ratings; 1 for like, -1 for dislike, 0 otherwise.</param>
/// <param name="Timestamp">When, in Unix seconds.</param>
/// <param name="ConversationId">The conversation feedback came from, if any.</param>
/// <param name="EventId">The client's idempotency key of a feedback event, if it sent one: unique per user.</param>
public sealed record Interaction(string UserId, string ItemId, string Kind, double Value, long Timestamp, string? ConversationId = null, string? EventId = null);

/// <summary>What a user did with an item: an imported rating or a feedback signal from a conversation.</summary>
public static class InteractionKinds
{
    public const string Rating = "rating";
    public const string Like = "like";
    public const string Dislike = "dislike";
    public const string Watched = "watched";
    public const string Skip = "skip";

    /// <summary>The feedback signals of the hub contract.</summary>
    public static IReadOnlyList<string> FeedbackSignals { get; } = [Like, Dislike, Watched, Skip];

    /// <summary>True for a signal the Feedback contract accepts.</summary>
    public static bool IsFeedbackSignal(string? signal) =>
        signal is Like or Dislike or Watched or Skip;
}
