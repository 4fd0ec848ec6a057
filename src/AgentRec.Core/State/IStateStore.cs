using AgentRec.Core.Catalog;

namespace AgentRec.Core.State;

/// <summary>One turn of a conversation: what was asked, the intent it was parsed into, and what was answered.</summary>
public sealed record ConversationTurn(
    string ConversationId,
    string? UserId,
    string Message,
    string IntentJson,
    IReadOnlyList<string> ItemIds,
    long Timestamp);

/// <summary>What a request needs of a conversation before it runs: whether it exists, whose it is, and its latest turn.</summary>
public readonly record struct ConversationHead(bool Exists, string? UserId, ConversationTurn? LastTurn);

/// <summary>The durable state of AgentRec: users, their interactions (imported and fed back), and conversations.</summary>
public interface IStateStore
{
    /// <summary>Creates or migrates the schema. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Imports source ratings; re-importing the same ratings adds nothing.</summary>
    Task<ImportResult> ImportRatingsAsync(IReadOnlyList<RatingEvent> ratings, IProgress<int>? progress, CancellationToken cancellationToken);

    /// <summary>Records one feedback signal; returns once the transaction has committed.</summary>
    Task<long> AddFeedbackAsync(Interaction feedback, CancellationToken cancellationToken);

    /// <summary>A user's interactions, oldest first.</summary>
    Task<IReadOnlyList<Interaction>> GetInteractionsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Every feedback interaction (not imported ratings) recorded after <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<(long Id, Interaction Interaction)>> GetFeedbackSinceAsync(long afterId, CancellationToken cancellationToken);

    /// <summary>What the store holds.</summary>
    Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken);

    /// <summary>Appends a turn, creating the conversation on its first turn.</summary>
    Task SaveTurnAsync(ConversationTurn turn, CancellationToken cancellationToken);

    /// <summary>The conversation's turns, oldest first; empty when it does not exist.</summary>
    Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The user a conversation belongs to; null when it does not exist or is anonymous.</summary>
    Task<(bool Exists, string? UserId)> GetConversationOwnerAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the conversations (and their turns) last updated before <paramref name="updatedBefore"/>, and the
    /// anonymous one-turn conversations last updated before <paramref name="anonymousOneTurnBefore"/>; returns how
    /// many went. A store whose conversations expire by themselves (a time to live) deletes nothing here.
    /// </summary>
    Task<int> ExpireConversationsAsync(DateTimeOffset updatedBefore, DateTimeOffset anonymousOneTurnBefore, CancellationToken cancellationToken) =>
        Task.FromResult(0);

    /// <summary>
    /// Whether the conversation exists, its owner and its latest turn (null when it has none yet). This default asks
    /// <see cref="GetConversationOwnerAsync"/> and <see cref="GetTurnsAsync"/>; a store that can answer in one read
    /// (without reading every turn) overrides it.
    /// </summary>
    async Task<ConversationHead> GetConversationHeadAsync(string conversationId, CancellationToken cancellationToken)
    {
        var (exists, owner) = await GetConversationOwnerAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            return default;
        }

        var turns = await GetTurnsAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return new ConversationHead(true, owner, turns.Count > 0 ? turns[^1] : null);
    }
}
