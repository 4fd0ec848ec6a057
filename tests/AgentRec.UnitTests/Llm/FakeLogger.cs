using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentRec.UnitTests.Llm;

/// <summary>Keeps every formatted log message, so a test can read what a component said.</summary>
internal sealed class FakeLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception)));
}
