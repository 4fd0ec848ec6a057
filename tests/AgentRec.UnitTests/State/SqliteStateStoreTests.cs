using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.State;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.State;

public sealed class SqliteStateStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-state-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Reimporting_the_same_ratings_adds_nothing()
    {
        var store = await CreateStoreAsync();
        RatingEvent[] ratings = [new("1", "6", 4f, 100), new("1", "1", 3f, 200), new("2", "6", 5f, 150)];

        var first = await store.ImportRatingsAsync(ratings, null, CancellationToken.None);
        var second = await store.ImportRatingsAsync(ratings, null, CancellationToken.None);
        var counts = await store.GetCountsAsync(CancellationToken.None);

        Assert.Equal(new ImportResult(3, 0, 2), first);
        Assert.Equal(new ImportResult(0, 3, 2), second);
        Assert.Equal(2, counts.Users);
        Assert.Equal(3, counts.Interactions);
    }

    [Fact]
    public async Task Feedback_is_kept_apart_from_imports_and_survives_reopening()
    {
        var store = await CreateStoreAsync();
        await store.ImportRatingsAsync([new("1", "6", 4f, 100)], null, CancellationToken.None);
        await store.AddFeedbackAsync(new Interaction("1", "2571", InteractionKinds.Like, 1, 500, "c1"), CancellationToken.None);
        await store.AddFeedbackAsync(new Interaction("1", "2571", InteractionKinds.Like, 1, 500, "c1"), CancellationToken.None);

        var reopened = await CreateStoreAsync();
        var history = await reopened.GetInteractionsAsync("1", CancellationToken.None);
        var feedback = await reopened.GetFeedbackSinceAsync(0, CancellationToken.None);

        Assert.Equal(["6", "2571", "2571"], history.Select(i => i.ItemId));
        Assert.Equal(2, feedback.Count);
        Assert.Equal("c1", feedback[0].Interaction.ConversationId);
    }

    [Fact]
    public async Task Conversation_turns_are_returned_in_order_with_their_owner()
    {
        var store = await CreateStoreAsync();
        await store.SaveTurnAsync(new ConversationTurn("c1", "7", "sci-fi please", "{}", ["1", "2"], 10), CancellationToken.None);
        await store.SaveTurnAsync(new ConversationTurn("c1", "7", "something newer", "{}", ["3"], 20), CancellationToken.None);

        var turns = await store.GetTurnsAsync("c1", CancellationToken.None);
        var owner = await store.GetConversationOwnerAsync("c1", CancellationToken.None);
        var missing = await store.GetConversationOwnerAsync("nope", CancellationToken.None);

        Assert.Equal(["sci-fi please", "something newer"], turns.Select(t => t.Message));
        Assert.Equal(["3"], turns[1].ItemIds);
        Assert.Equal((true, "7"), owner);
        Assert.False(missing.Exists);
    }

    [Fact]
    public async Task A_conversations_head_is_its_owner_and_latest_turn_and_matches_the_interface_default()
    {
        var store = await CreateStoreAsync();
        await store.SaveTurnAsync(new ConversationTurn("c1", "7", "sci-fi please", "{\"a\":1}", ["1", "2"], 10), CancellationToken.None);
        await store.SaveTurnAsync(new ConversationTurn("c1", "7", "something newer", "{\"a\":2}", ["3"], 20), CancellationToken.None);
        await store.SaveTurnAsync(new ConversationTurn("anon", null, "hello", "{}", [], 30), CancellationToken.None);
        IStateStore withDefault = new DefaultHeadStore(store);

        foreach (var id in new[] { "c1", "anon", "nope" })
        {
            var head = await store.GetConversationHeadAsync(id, CancellationToken.None);
            var turns = await store.GetTurnsAsync(id, CancellationToken.None);
            var (exists, owner) = await store.GetConversationOwnerAsync(id, CancellationToken.None);

            Assert.Equal(exists, head.Exists);
            Assert.Equal(owner, head.UserId);
            Assert.Equal(turns.Count > 0 ? turns[^1] with { ItemIds = [] } : null, head.LastTurn is { } last ? last with { ItemIds = [] } : null);
            Assert.Equal(turns.Count > 0 ? turns[^1].ItemIds : null, head.LastTurn?.ItemIds);
            var fallback = await withDefault.GetConversationHeadAsync(id, CancellationToken.None);
            Assert.Equal((head.Exists, head.UserId, head.LastTurn?.Message, head.LastTurn?.IntentJson, head.LastTurn?.Timestamp),
                (fallback.Exists, fallback.UserId, fallback.LastTurn?.Message, fallback.LastTurn?.IntentJson, fallback.LastTurn?.Timestamp));
        }

        var c1 = await store.GetConversationHeadAsync("c1", CancellationToken.None);
        Assert.Equal("something newer", c1.LastTurn?.Message);
        Assert.Equal(20, c1.LastTurn?.Timestamp);
    }

    [Fact]
    public async Task Migration_is_idempotent_and_records_the_schema_version()
    {
        var store = await CreateStoreAsync();
        await store.InitializeAsync(CancellationToken.None);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath}");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA user_version; ";
        Assert.Equal((long)SqliteStateStore.SchemaVersion, (long)(await cmd.ExecuteScalarAsync())!);
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Database_from_a_newer_version_is_refused_with_a_clear_error()
    {
        var store = await CreateStoreAsync();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 999;";
            await cmd.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains("999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feedback_event_sent_again_with_its_event_id_is_stored_once()
    {
        var store = await CreateStoreAsync();
        var feedback = new Interaction("1", "2571", InteractionKinds.Like, 1, 500, "c1", "evt-1");

        var first = await store.AddFeedbackAsync(feedback, CancellationToken.None);
        var retried = await store.AddFeedbackAsync(feedback with { Timestamp = 501 }, CancellationToken.None);
        var otherUser = await store.AddFeedbackAsync(feedback with { UserId = "2" }, CancellationToken.None);
        var newEvent = await store.AddFeedbackAsync(feedback with { EventId = "evt-2" }, CancellationToken.None);

        Assert.Equal(first, retried);
        Assert.NotEqual(first, otherUser);
        Assert.NotEqual(first, newEvent);
        Assert.Equal(3, (await store.GetFeedbackSinceAsync(0, CancellationToken.None)).Count);
    }

    private async Task<SqliteStateStore> CreateStoreAsync()
    {
        var store = new SqliteStateStore(
            Options.Create(new StateOptions { DatabasePath = Path.Combine(_folder, "state.db") }), TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    // Forwards every member but GetConversationHeadAsync, so that the interface's default implementation answers it.
    private sealed class DefaultHeadStore(IStateStore inner) : IStateStore
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<ImportResult> ImportRatingsAsync(IReadOnlyList<RatingEvent> ratings, IProgress<int>? progress, CancellationToken cancellationToken) =>
            inner.ImportRatingsAsync(ratings, progress, cancellationToken);

        public Task<long> AddFeedbackAsync(Interaction feedback, CancellationToken cancellationToken) => inner.AddFeedbackAsync(feedback, cancellationToken);

        public Task<IReadOnlyList<Interaction>> GetInteractionsAsync(string userId, CancellationToken cancellationToken) =>
            inner.GetInteractionsAsync(userId, cancellationToken);

        public Task<IReadOnlyList<(long Id, Interaction Interaction)>> GetFeedbackSinceAsync(long afterId, CancellationToken cancellationToken) =>
            inner.GetFeedbackSinceAsync(afterId, cancellationToken);

        public Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken) => inner.GetCountsAsync(cancellationToken);

        public Task SaveTurnAsync(ConversationTurn turn, CancellationToken cancellationToken) => inner.SaveTurnAsync(turn, cancellationToken);

        public Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken) =>
            inner.GetTurnsAsync(conversationId, cancellationToken);

        public Task<(bool Exists, string? UserId)> GetConversationOwnerAsync(string conversationId, CancellationToken cancellationToken) =>
            inner.GetConversationOwnerAsync(conversationId, cancellationToken);
    }
}
