using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentRec.IntegrationTests.Fakes;

/// <summary>A logger provider that keeps every entry the hosted service writes, so a test can read the log as an operator would.</summary>
public sealed class FakeLogSink : ILoggerProvider
{
    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(FakeLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
    }
}
