using AgentRec.Core.Contracts;
using Microsoft.Extensions.Logging;

namespace AgentRec.UnitTests.Telemetry;

/// <summary>Every fall-back is one event operators can alert on: the same id and name, the stage, its fallback and why.</summary>
public sealed class StageLogTests
{
    [Fact]
    public void A_fall_back_is_one_warning_event_naming_stage_fallback_and_reason()
    {
        var logger = new RecordingLogger();
        var failure = new TimeoutException("slow");

        logger.FellBack("intent", "the rule parser", "the LLM failed", failure);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(StageLog.FellBackEventId, entry.Id.Id);
        Assert.Equal("StageFellBack", entry.Id.Name);
        Assert.Equal("Stage intent fell back to the rule parser: the LLM failed", entry.Message);
        Assert.Same(failure, entry.Exception);
        Assert.Contains(new KeyValuePair<string, object?>("Stage", "intent"), entry.State);
        Assert.Contains(new KeyValuePair<string, object?>("Fallback", "the rule parser"), entry.State);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, EventId Id, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> State)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId, formatter(state, exception), exception,
                state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }
}
