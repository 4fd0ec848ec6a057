using AgentRec.Core.Catalog;
using StackExchange.Redis;

namespace AgentRec.Core.State;

/// <summary>
/// Keeps conversations in Redis so that every replica behind a load balancer continues the same conversation,
/// and passes everything else (users, interactions, acknowledged feedback) to the durable store it wraps.
/// Feedback never goes through Redis: its acknowledgement stays a committed SQLite (WAL) transaction.
/// </summary>
public sealed class RedisConversationStore(IStateStore durable, IConnectionMultiplexer redis, string keyPrefix, TimeSpan conversationTtl) : IStateStore
{
    private IDatabase Db => redis.GetDatabase();

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => durable.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task<ImportResult> ImportRatingsAsync(IReadOnlyList<RatingEvent> ratings, IProgress<int>? progress, CancellationToken cancellationToken) =>
        durable.ImportRatingsAsync(ratings, progress, cancellationToken);

    /// <inheritdoc />
    public Task<long> AddFeedbackAsync(Interaction feedback, CancellationToken cancellationToken) => durable.AddFeedbackAsync(feedback, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Interaction>> GetInteractionsAsync(string userId, CancellationToken cancellationToken) =>
        durable.GetInteractionsAsync(userId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Id, Interaction Interaction)>> GetFeedbackSinceAsync(long afterId, CancellationToken cancellationToken) =>
        durable.GetFeedbackSinceAsync(afterId, cancellationToken);

    /// <inheritdoc />
    public Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken) => durable.GetCountsAsync(cancellationToken);

    /// <inheritdoc />
    public async Task SaveTurnAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        cancellationToken.ThrowIfCancellationRequested();
        var (owner, turns) = Keys(turn.ConversationId);
        var tx = Db.CreateTransaction();

        // The first turn decides the owner; later turns never change it (When.NotExists), as in the SQLite store.
        _ = tx.StringSetAsync(owner, turn.UserId ?? string.Empty, conversationTtl, When.NotExists);
        _ = tx.ListRightPushAsync(turns, JsonSerializer.Serialize(turn, RedisStateJsonContext.Default.ConversationTurn));
        _ = tx.KeyExpireAsync(owner, conversationTtl);
        _ = tx.KeyExpireAsync(turns, conversationTtl);
        if (!await tx.ExecuteAsync().ConfigureAwait(false))
        {
            throw new RedisException($"conversation {turn.ConversationId}: the turn was not stored.");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await Db.ListRangeAsync(Keys(conversationId).Turns).ConfigureAwait(false);
        var turns = new List<ConversationTurn>(values.Length);
        foreach (var value in values)
        {
            if (ReadTurn(value) is { } turn)
            {
                turns.Add(turn);
            }
        }

        return turns;
    }

    /// <inheritdoc />
    public async Task<(bool Exists, string? UserId)> GetConversationOwnerAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var owner = await Db.StringGetAsync(Keys(conversationId).Owner).ConfigureAwait(false);
        return owner.IsNull ? (false, null) : (true, OwnerOf(owner));
    }

    /// <inheritdoc />
    public async Task<ConversationHead> GetConversationHeadAsync(string conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (ownerKey, turnsKey) = Keys(conversationId);
        // Both commands go out together (one round trip), and only the latest turn is read.
        var ownerRead = Db.StringGetAsync(ownerKey);
        var lastRead = Db.ListGetByIndexAsync(turnsKey, -1);
        await Task.WhenAll(ownerRead, lastRead).ConfigureAwait(false);
        var owner = await ownerRead.ConfigureAwait(false);
        if (owner.IsNull)
        {
            return default;
        }

        var last = await lastRead.ConfigureAwait(false);
        return new ConversationHead(true, OwnerOf(owner), last.IsNull ? null : ReadTurn(last));
    }

    /// <summary>The owner key's value as a user id; an anonymous conversation stores an empty one.</summary>
    private static string? OwnerOf(RedisValue owner) => owner.ToString() is { Length: > 0 } user ? user : null;

    private static ConversationTurn? ReadTurn(RedisValue value) =>
        JsonSerializer.Deserialize((string)value!, RedisStateJsonContext.Default.ConversationTurn);

    private (RedisKey Owner, RedisKey Turns) Keys(string conversationId) =>
        ($"{keyPrefix}:conversation:{{{conversationId}}}:owner", $"{keyPrefix}:conversation:{{{conversationId}}}:turns");
}

/// <summary>JSON of a conversation turn as Redis holds it.</summary>
[JsonSerializable(typeof(ConversationTurn))]
internal sealed partial class RedisStateJsonContext : JsonSerializerContext;
