namespace AgentRec.Core.Hosting;

/// <summary>
/// Completes when <see cref="AgentRecInitializer"/> has loaded the catalog and migrated the state store. A transport
/// that must answer before that (an MCP stdio server's handshake) starts first and awaits this before serving calls.
/// </summary>
public sealed class AgentRecStartup
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once start-up succeeded; faults with its error when it failed.</summary>
    public Task WhenStarted => _started.Task;

    internal void Completed() => _started.TrySetResult();

    internal void Failed(Exception error) => _started.TrySetException(error);
}
