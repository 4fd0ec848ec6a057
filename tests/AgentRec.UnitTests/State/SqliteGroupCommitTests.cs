using AgentRec.Core.State;
using Microsoft.Data.Sqlite;

namespace AgentRec.UnitTests.State;

public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-groupcommit-").FullName;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "g.db"), Pooling = false }.ToString();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Writes_queued_together_share_one_commit_and_each_is_acknowledged_after_it()
    {
        await CreateTableAsync();
        using var gate = new SemaphoreSlim(1, 1);
        await using var writes = new SqliteGroupCommit(OpenAsync, gate);

        await gate.WaitAsync(); // the writer is busy: everything below queues up
        var pending = Enumerable.Range(0, 50).Select(i => writes.WriteAsync((c, tx) => InsertAsync(c, tx, i), CancellationToken.None)).ToArray();
        Assert.All(pending, t => Assert.False(t.IsCompleted));
        gate.Release();
        var ids = await Task.WhenAll(pending);

        Assert.Equal(1, writes.Commits);
        Assert.Equal(50, ids.Distinct().Count());
        Assert.Equal(50, await CountAsync());
    }

    [Fact]
    public async Task A_failing_write_is_rolled_back_alone_and_its_caller_gets_the_error()
    {
        await CreateTableAsync();
        using var gate = new SemaphoreSlim(1, 1);
        await using var writes = new SqliteGroupCommit(OpenAsync, gate);

        await gate.WaitAsync();
        var good = writes.WriteAsync((c, tx) => InsertAsync(c, tx, 1), CancellationToken.None);
        var bad = writes.WriteAsync(async (c, tx) =>
        {
            await InsertAsync(c, tx, 2);
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO t(id, v) VALUES (1, 99);"; // duplicate primary key
            return await cmd.ExecuteNonQueryAsync();
        }, CancellationToken.None);
        var alsoGood = writes.WriteAsync((c, tx) => InsertAsync(c, tx, 3), CancellationToken.None);
        gate.Release();

        Assert.Equal(1, await good);
        Assert.Equal(3, await alsoGood);
        await Assert.ThrowsAsync<SqliteException>(() => bad);
        Assert.Equal(2, await CountAsync()); // the failed write's first insert (id 2) was rolled back with it
    }

    [Fact]
    public async Task A_write_cancelled_before_it_starts_is_never_made()
    {
        await CreateTableAsync();
        using var gate = new SemaphoreSlim(1, 1);
        await using var writes = new SqliteGroupCommit(OpenAsync, gate);
        using var cancel = new CancellationTokenSource();

        await gate.WaitAsync();
        var cancelled = writes.WriteAsync((c, tx) => InsertAsync(c, tx, 1), cancel.Token);
        var kept = writes.WriteAsync((c, tx) => InsertAsync(c, tx, 2), CancellationToken.None);
        await cancel.CancelAsync();
        gate.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(2, await kept);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Writes_after_shutdown_are_refused_and_queued_ones_still_commit()
    {
        await CreateTableAsync();
        using var gate = new SemaphoreSlim(1, 1);
        var writes = new SqliteGroupCommit(OpenAsync, gate);
        var queued = writes.WriteAsync((c, tx) => InsertAsync(c, tx, 1), CancellationToken.None);

        await writes.DisposeAsync();

        Assert.Equal(1, await queued);
        var refused = Record.Exception(() => { _ = writes.WriteAsync((c, tx) => InsertAsync(c, tx, 2), CancellationToken.None); });
        Assert.IsType<ObjectDisposedException>(refused);
        Assert.Equal(1, await CountAsync());
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task CreateTableAsync()
    {
        await using var c = await OpenAsync(CancellationToken.None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, v INTEGER NOT NULL);";
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync()
    {
        await using var c = await OpenAsync(CancellationToken.None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM t;";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<int> InsertAsync(SqliteConnection c, SqliteTransaction tx, int id)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO t(id, v) VALUES ($id, $id);";
        cmd.Parameters.AddWithValue("$id", id);
        await cmd.ExecuteNonQueryAsync();
        return id;
    }
}
