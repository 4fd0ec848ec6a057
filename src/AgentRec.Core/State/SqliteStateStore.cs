using AgentRec.Core.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentRec.Core.State;

/// <summary>
/// The state store on SQLite in WAL mode with synchronous=FULL, so a committed feedback survives a crash
/// or power loss. Writes go through one writer with group commit (<see cref="SqliteGroupCommit"/>): concurrent
/// writes share a transaction and its fsync, and each is acknowledged only after that commit. The schema is
/// versioned with PRAGMA user_version and migrated forward on start-up.
/// </summary>
public sealed partial class SqliteStateStore : IStateStore, IAsyncDisposable, IDisposable
{
    // Each entry moves the schema from version i to i+1. Never edit a shipped entry; append a new one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE users (
            id          TEXT PRIMARY KEY,
            created_at  INTEGER NOT NULL,
            source      TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE interactions (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id         TEXT NOT NULL,
            item_id         TEXT NOT NULL,
            kind            TEXT NOT NULL,
            value           REAL NOT NULL,
            ts              INTEGER NOT NULL,
            source          TEXT NOT NULL,
            conversation_id TEXT NULL
        );
        CREATE INDEX ix_interactions_user ON interactions(user_id, ts);
        CREATE UNIQUE INDEX ux_interactions_import ON interactions(user_id, item_id, kind, ts) WHERE source = 'import';
        CREATE TABLE conversations (
            id          TEXT PRIMARY KEY,
            user_id     TEXT NULL,
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE conversation_turns (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            message         TEXT NOT NULL,
            intent_json     TEXT NOT NULL,
            item_ids        TEXT NOT NULL,
            ts              INTEGER NOT NULL
        );
        CREATE INDEX ix_turns_conversation ON conversation_turns(conversation_id, id);
        """,
        """
        ALTER TABLE interactions ADD COLUMN event_id TEXT NULL;
        CREATE UNIQUE INDEX ux_interactions_event ON interactions(user_id, event_id) WHERE event_id IS NOT NULL;
        CREATE INDEX ix_conversations_updated ON conversations(updated_at);
        """,
    ];

    private readonly string _connectionString;

    // One in-process writer at a time: concurrent write transactions would otherwise collide on SQLite's write lock
    // and wait out the driver's busy retries (sleeps) instead of simply queueing.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private readonly SqliteGroupCommit _writes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Opens (and on <see cref="InitializeAsync"/> creates) the database named by the options.</summary>
    public SqliteStateStore(IOptions<StateOptions> options, TimeProvider time, ILogger<SqliteStateStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        DatabasePath = options.Value.ResolveDatabasePath();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = options.Value.BusyTimeoutSeconds,
        }.ToString();
        _time = time;
        _logger = logger ?? NullLogger<SqliteStateStore>.Instance;
        _writes = new SqliteGroupCommit(ct => OpenAsync(ct, forWrites: true), _writeGate);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version this code writes.</summary>
    public static int SchemaVersion => Migrations.Length;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"State database {DatabasePath} has schema version {version}, newer than this AgentRec ({Migrations.Length}). Upgrade AgentRec or point State:DatabasePath elsewhere.");
        }

        for (var v = version; v < Migrations.Length; v++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, Migrations[v], cancellationToken, tx).ConfigureAwait(false);
            await ExecuteAsync(connection, $"PRAGMA user_version = {v + 1};", cancellationToken, tx).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(_logger, DatabasePath, v + 1);
        }

        LogReady(_logger, DatabasePath, Migrations.Length);
    }

    /// <inheritdoc />
    public async Task<ImportResult> ImportRatingsAsync(IReadOnlyList<RatingEvent> ratings, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ImportRatingsCoreAsync(ratings, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<ImportResult> ImportRatingsCoreAsync(IReadOnlyList<RatingEvent> ratings, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();

        await using var user = connection.CreateCommand();
        user.Transaction = tx;
        user.CommandText = "INSERT OR IGNORE INTO users(id, created_at, source) VALUES ($id, $ts, 'import');";
        var userId = user.Parameters.Add("$id", SqliteType.Text);
        user.Parameters.AddWithValue("$ts", now);
        user.Prepare();

        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText =
            "INSERT OR IGNORE INTO interactions(user_id, item_id, kind, value, ts, source) VALUES ($u, $i, 'rating', $v, $t, 'import');";
        var u = insert.Parameters.Add("$u", SqliteType.Text);
        var i = insert.Parameters.Add("$i", SqliteType.Text);
        var val = insert.Parameters.Add("$v", SqliteType.Real);
        var t = insert.Parameters.Add("$t", SqliteType.Integer);
        insert.Prepare();

        var users = new HashSet<string>(StringComparer.Ordinal);
        var added = 0;
        for (var n = 0; n < ratings.Count; n++)
        {
            var r = ratings[n];
            if (users.Add(r.UserId))
            {
                userId.Value = r.UserId;
                user.ExecuteNonQuery();
            }

            u.Value = r.UserId;
            i.Value = r.ItemId;
            val.Value = (double)r.Rating;
            t.Value = r.Timestamp;
            added += insert.ExecuteNonQuery();
            if ((n & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(n);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(ratings.Count);
        LogImported(_logger, added, ratings.Count - added, users.Count);
        return new ImportResult(added, ratings.Count - added, users.Count);
    }

    /// <inheritdoc />
    public Task<long> AddFeedbackAsync(Interaction feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return _writes.WriteAsync(async (connection, tx) =>
        {
            await using (var user = connection.CreateCommand())
            {
                user.Transaction = tx;
                user.CommandText = "INSERT OR IGNORE INTO users(id, created_at, source) VALUES ($id, $ts, 'feedback');";
                user.Parameters.AddWithValue("$id", feedback.UserId);
                user.Parameters.AddWithValue("$ts", feedback.Timestamp);
                await user.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            // An event the user already sent under the same event id is not stored again; its row id is returned.
            insert.CommandText =
                """
                INSERT INTO interactions(user_id, item_id, kind, value, ts, source, conversation_id, event_id)
                VALUES ($u, $i, $k, $v, $t, 'feedback', $c, $e)
                ON CONFLICT(user_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
                RETURNING id;
                """;
            insert.Parameters.AddWithValue("$u", feedback.UserId);
            insert.Parameters.AddWithValue("$i", feedback.ItemId);
            insert.Parameters.AddWithValue("$k", feedback.Kind);
            insert.Parameters.AddWithValue("$v", feedback.Value);
            insert.Parameters.AddWithValue("$t", feedback.Timestamp);
            insert.Parameters.AddWithValue("$c", (object?)feedback.ConversationId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$e", (object?)feedback.EventId ?? DBNull.Value);
            if (await insert.ExecuteScalarAsync().ConfigureAwait(false) is long id)
            {
                return id;
            }

            await using var existing = connection.CreateCommand();
            existing.Transaction = tx;
            existing.CommandText = "SELECT id FROM interactions WHERE user_id = $u AND event_id = $e;";
            existing.Parameters.AddWithValue("$u", feedback.UserId);
            existing.Parameters.AddWithValue("$e", feedback.EventId!);
            return (long)(await existing.ExecuteScalarAsync().ConfigureAwait(false))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Interaction>> GetInteractionsAsync(string userId, CancellationToken cancellationToken) =>
        ReadAllAsync(
            "SELECT user_id, item_id, kind, value, ts, conversation_id FROM interactions WHERE user_id = $u ORDER BY ts, id;",
            ("$u", userId), ReadInteraction, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Id, Interaction Interaction)>> GetFeedbackSinceAsync(long afterId, CancellationToken cancellationToken) =>
        ReadAllAsync(
            "SELECT user_id, item_id, kind, value, ts, conversation_id, id FROM interactions WHERE source = 'feedback' AND id > $a ORDER BY id;",
            ("$a", afterId), reader => (reader.GetInt64(6), ReadInteraction(reader)), cancellationToken);

    /// <inheritdoc />
    public async Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken, forWrites: false).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText =
            """
            SELECT (SELECT COUNT(*) FROM users),
                   (SELECT COUNT(*) FROM interactions),
                   (SELECT COUNT(*) FROM interactions WHERE source = 'feedback'),
                   (SELECT COUNT(*) FROM conversations);
            """;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <inheritdoc />
    public Task SaveTurnAsync(ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return _writes.WriteAsync(async (connection, tx) =>
        {
            await using (var upsert = connection.CreateCommand())
            {
                upsert.Transaction = tx;
                upsert.CommandText =
                    """
                    INSERT INTO conversations(id, user_id, created_at, updated_at) VALUES ($id, $u, $t, $t)
                    ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at;
                    """;
                upsert.Parameters.AddWithValue("$id", turn.ConversationId);
                upsert.Parameters.AddWithValue("$u", (object?)turn.UserId ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$t", turn.Timestamp);
                await upsert.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText =
                "INSERT INTO conversation_turns(conversation_id, message, intent_json, item_ids, ts) VALUES ($c, $m, $i, $items, $t);";
            insert.Parameters.AddWithValue("$c", turn.ConversationId);
            insert.Parameters.AddWithValue("$m", turn.Message);
            insert.Parameters.AddWithValue("$i", turn.IntentJson);
            insert.Parameters.AddWithValue("$items", JsonSerializer.Serialize(turn.ItemIds, StateJsonContext.Default.IReadOnlyListString));
            insert.Parameters.AddWithValue("$t", turn.Timestamp);
            return await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ExpireConversationsAsync(DateTimeOffset updatedBefore, DateTimeOffset anonymousOneTurnBefore, CancellationToken cancellationToken) =>
        _writes.WriteAsync(async (connection, tx) =>
        {
            const string Expired =
                """
                updated_at < $all
                OR (user_id IS NULL AND updated_at < $anonymous
                    AND (SELECT COUNT(*) FROM conversation_turns t WHERE t.conversation_id = conversations.id) <= 1)
                """;
            await using var turns = connection.CreateCommand();
            turns.Transaction = tx;
            turns.CommandText = $"DELETE FROM conversation_turns WHERE conversation_id IN (SELECT id FROM conversations WHERE {Expired});";
            await using var conversations = connection.CreateCommand();
            conversations.Transaction = tx;
            conversations.CommandText = $"DELETE FROM conversations WHERE {Expired};";
            foreach (var command in new[] { turns, conversations })
            {
                command.Parameters.AddWithValue("$all", updatedBefore.ToUnixTimeSeconds());
                command.Parameters.AddWithValue("$anonymous", anonymousOneTurnBefore.ToUnixTimeSeconds());
            }

            await turns.ExecuteNonQueryAsync().ConfigureAwait(false);
            return await conversations.ExecuteNonQueryAsync().ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string conversationId, CancellationToken cancellationToken) =>
        ReadAllAsync(
            """
            SELECT t.conversation_id, c.user_id, t.message, t.intent_json, t.item_ids, t.ts
            FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id
            WHERE t.conversation_id = $c ORDER BY t.id;
            """,
            ("$c", conversationId), ReadTurn, cancellationToken);

    /// <inheritdoc />
    public async Task<(bool Exists, string? UserId)> GetConversationOwnerAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken, forWrites: false).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT user_id FROM conversations WHERE id = $c;";
        cmd.Parameters.AddWithValue("$c", conversationId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return (false, null);
        }

        return (true, reader.IsDBNull(0) ? null : reader.GetString(0));
    }

    /// <inheritdoc />
    public async Task<ConversationHead> GetConversationHeadAsync(string conversationId, CancellationToken cancellationToken)
    {
        // One read, and only the latest turn (ix_turns_conversation finds it), however long the conversation is.
        await using var connection = await OpenAsync(cancellationToken, forWrites: false).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText =
            """
            SELECT c.id, c.user_id, t.message, t.intent_json, t.item_ids, t.ts
            FROM conversations c
            LEFT JOIN conversation_turns t
              ON t.id = (SELECT MAX(id) FROM conversation_turns WHERE conversation_id = c.id)
            WHERE c.id = $c;
            """;
        cmd.Parameters.AddWithValue("$c", conversationId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return default;
        }

        // The turn's columns are null when the conversation has none yet.
        return new ConversationHead(true, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : ReadTurn(reader));
    }

    /// <summary>Every row of a read-only query with one parameter, in the query's order, each made by <paramref name="read"/>.</summary>
    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(string sql, (string Name, object Value) parameter, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken, forWrites: false).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue(parameter.Name, parameter.Value);
        var rows = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>A turn from the columns conversation id, user id, message, intent JSON, item ids JSON, timestamp.</summary>
    private static ConversationTurn ReadTurn(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3),
            JsonSerializer.Deserialize(reader.GetString(4), StateJsonContext.Default.IReadOnlyListString) ?? [], reader.GetInt64(5));

    private static Interaction ReadInteraction(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetString(5));

    /// <summary>Lets the queued writes commit and closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync().ConfigureAwait(false);
        _writeGate.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken, bool forWrites = true)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (forWrites)
            {
                // FULL makes every commit durable in WAL mode; the default NORMAL may drop the last commits on power loss.
                await ExecuteAsync(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? tx = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "State store {Path} migrated to schema version {Version}")]
    private static partial void LogMigrated(ILogger logger, string path, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "State store {Path} ready (SQLite, WAL, schema version {Version})")]
    private static partial void LogReady(ILogger logger, string path, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported ratings: {Added} added, {Present} already present, {Users} users")]
    private static partial void LogImported(ILogger logger, int added, int present, int users);
}
