using System.Diagnostics.Metrics;
using AgentRec.Core.Contracts;
using AgentRec.Core.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.State;

public sealed class ConversationRetentionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-retention-").FullName;
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Conversations_idle_past_the_retention_are_deleted_and_counted()
    {
        var (store, retention) = await CreateAsync(new StateOptions { ConversationRetentionDays = 30 });
        await SaveAsync(store, "old", "alice");
        await SaveAsync(store, "old", "alice");
        _clock.Advance(TimeSpan.FromDays(20));
        await SaveAsync(store, "recent", "alice");
        await SaveAsync(store, "recent", "alice");
        _clock.Advance(TimeSpan.FromDays(11));
        long measured = 0;
        using var listener = Listen(v => measured += v);

        var deleted = await retention.SweepAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(1, measured);
        Assert.False((await store.GetConversationHeadAsync("old", CancellationToken.None)).Exists);
        Assert.Empty(await store.GetTurnsAsync("old", CancellationToken.None));
        Assert.Equal(2, (await store.GetTurnsAsync("recent", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Anonymous_one_turn_conversations_go_after_the_short_window_and_continued_ones_stay()
    {
        var (store, retention) = await CreateAsync(new StateOptions { AnonymousConversationHours = 1 });
        await SaveAsync(store, "one-off", null);
        await SaveAsync(store, "continued", null);
        await SaveAsync(store, "continued", null);
        await SaveAsync(store, "signed-in", "bob");
        _clock.Advance(TimeSpan.FromMinutes(59));

        var early = await retention.SweepAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var late = await retention.SweepAsync(CancellationToken.None);

        Assert.Equal(0, early);
        Assert.Equal(1, late);
        Assert.False((await store.GetConversationHeadAsync("one-off", CancellationToken.None)).Exists);
        Assert.True((await store.GetConversationHeadAsync("continued", CancellationToken.None)).Exists);
        Assert.True((await store.GetConversationHeadAsync("signed-in", CancellationToken.None)).Exists);
    }

    [Fact]
    public async Task Feedback_is_never_deleted_by_the_sweep()
    {
        var (store, retention) = await CreateAsync(new StateOptions { ConversationRetentionDays = 1 });
        await SaveAsync(store, "c1", "alice");
        await store.AddFeedbackAsync(new Interaction("alice", "1", InteractionKinds.Like, 1, _clock.GetUtcNow().ToUnixTimeSeconds(), "c1"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(2));

        await retention.SweepAsync(CancellationToken.None);

        Assert.Single(await store.GetFeedbackSinceAsync(0, CancellationToken.None));
        Assert.Equal(0, (await store.GetCountsAsync(CancellationToken.None)).Conversations);
    }

    private async Task<(SqliteStateStore Store, ConversationRetention Retention)> CreateAsync(StateOptions options)
    {
        options.DatabasePath = Path.Combine(_folder, "state.db");
        var store = new SqliteStateStore(Options.Create(options), _clock);
        await store.InitializeAsync(CancellationToken.None);
        return (store, new ConversationRetention(store, Options.Create(options), _clock, NullLogger<ConversationRetention>.Instance));
    }

    private Task SaveAsync(SqliteStateStore store, string conversationId, string? userId) =>
        store.SaveTurnAsync(new ConversationTurn(conversationId, userId, "comedies", "{}", ["1"], _clock.GetUtcNow().ToUnixTimeSeconds()), CancellationToken.None);

    private static MeterListener Listen(Action<long> onExpired)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "agentrec.conversations.expired")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => onExpired(value));
        listener.Start();
        return listener;
    }

    /// <summary>A clock that stands still until the test moves it.</summary>
    private sealed class FakeClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
