using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentRec.IntegrationTests.Fakes;

/// <summary>A logger that keeps every formatted message, so a test can assert on what was logged.</summary>
internal sealed class FakeLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue(formatter(state, exception));
}
