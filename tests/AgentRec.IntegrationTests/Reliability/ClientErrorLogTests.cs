using AgentRec.Api.Diagnostics;
using AgentRec.IntegrationTests.Fakes;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>The log of refused calls: escaped values, a bounded number of entries per source and minute.</summary>
public sealed class ClientErrorLogTests
{
    [Fact]
    public void Each_source_writes_at_most_its_share_per_minute_then_one_warning()
    {
        var clock = new FakeClock();
        var logger = new FakeLogger<ClientErrorLog>();
        var log = new ClientErrorLog(clock, logger);

        for (var i = 0; i < 100; i++)
        {
            log.Refused("hub", "ip:10.0.0.1", "invalid_request", "bad");
        }

        log.Refused("hub", "ip:10.0.0.2", "invalid_request", "bad");
        clock.Advance(TimeSpan.FromMinutes(1));
        log.Refused("hub", "ip:10.0.0.1", "invalid_request", "bad");

        var messages = logger.Messages.ToList();
        Assert.Equal(ClientErrorLog.PerSourcePerMinute + 1 + 1 + 1, messages.Count);
        Assert.Single(messages, m => m.Contains("not logged until it turns", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_are_escaped_and_cut()
    {
        var logger = new FakeLogger<ClientErrorLog>();
        var log = new ClientErrorLog(new FakeClock(), logger);

        log.Refused("hub", "ip:1\r\n2", "unknown_item", "item\r\nfail: forged" + new string('x', 5_000));

        var message = Assert.Single(logger.Messages);
        Assert.DoesNotContain('\n', message);
        Assert.Contains("\\u000d\\u000afail: forged", message, StringComparison.Ordinal);
        Assert.True(message.Length < 600);
    }

    private sealed class FakeClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
