using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace AgentRec.Core.State;

/// <summary>
/// The store's single writer with group commit: writes queue up, and the writer runs every write waiting at that
/// moment (up to <see cref="MaxBatch"/>) in one transaction, each inside its own savepoint, then commits once, so one
/// fsync serves the whole batch. A caller's task completes only after the commit that holds its write, so an
/// acknowledged write is exactly as durable as before; a write that fails is rolled back to its savepoint alone and its
/// caller gets the exception, while the others in the batch commit. A caller cancelled before its write starts is
/// never written.
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    /// <summary>The most writes one transaction holds.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly SemaphoreSlim _gate;
    private readonly Task _writer;
    private long _commits;

    /// <summary>Starts the writer; <paramref name="gate"/> is held around each batch so other writers (imports) can take turns.</summary>
    public SqliteGroupCommit(Func<CancellationToken, Task<SqliteConnection>> open, SemaphoreSlim gate)
    {
        _open = open;
        _gate = gate;
        // A thread of its own: SQLite's commit (and its fsync) blocks, and on the thread pool it would hold up request work.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                RunAsync().GetAwaiter().GetResult();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "AgentRec state writer",
        };
        thread.Start();
        _writer = done.Task;
    }

    /// <summary>Transactions committed so far (each may hold many writes).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues <paramref name="work"/>; completes with its result once the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteStateStore), "The state store is shut down; the write was not made.");
        }

        return pending.Task;
    }

    /// <summary>Stops taking writes, lets the queued ones commit, and closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        SqliteConnection? connection = null;
        try
        {
            while (WaitForWrites())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    if (pending.CancellationToken.IsCancellationRequested)
                    {
                        pending.Cancel();
                    }
                    else
                    {
                        batch.Add(pending);
                    }
                }

                if (batch.Count > 0)
                {
                    connection = await CommitAsync(connection, batch).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Blocks the writer thread until a write is queued (true) or the queue is completed and empty (false).
    private bool WaitForWrites()
    {
        var wait = _queue.Reader.WaitToReadAsync();
        return wait.IsCompleted ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    // Runs one batch; returns the connection to keep (null after a failure, so the next batch opens a fresh one).
    private async Task<SqliteConnection?> CommitAsync(SqliteConnection? connection, List<PendingWrite> batch)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            connection ??= await _open(CancellationToken.None).ConfigureAwait(false);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await tx.SaveAsync(savepoint).ConfigureAwait(false);
                try
                {
                    await batch[i].RunAsync(connection, tx).ConfigureAwait(false);
                    await tx.ReleaseAsync(savepoint).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException or ArgumentException or FormatException)
                {
                    await tx.RollbackAsync(savepoint).ConfigureAwait(false);
                    await tx.ReleaseAsync(savepoint).ConfigureAwait(false);
                    batch[i].Failed(e);
                }
            }

            await tx.CommitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _commits);
            foreach (var pending in batch)
            {
                pending.Complete();
            }

            return connection;
        }
        catch (Exception e)
        {
            // The transaction did not commit: nothing in this batch is durable, and every caller hears so.
            foreach (var pending in batch)
            {
                pending.Failed(e);
                pending.Complete();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private abstract class PendingWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction tx);

        public abstract void Failed(Exception error);

        public abstract void Complete();

        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction tx) =>
            _result = await work(connection, tx).ConfigureAwait(false);

        public override void Failed(Exception error) => _error ??= error;

        public override void Complete()
        {
            if (_error is null)
            {
                _done.TrySetResult(_result!);
            }
            else
            {
                _done.TrySetException(_error);
            }
        }

        public override void Cancel() => _done.TrySetCanceled(CancellationToken);
    }
}
