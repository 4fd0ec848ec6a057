using System.Linq.Expressions;
using AgentRec.Core.Retrieval.Hnsw;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// The in-process <see cref="VectorStoreCollection{TKey, TRecord}"/> of item vectors: exact cosine search over one
/// contiguous matrix (TensorPrimitives dot products of unit vectors), any LINQ filter as a pre-filter, upsert, get,
/// delete, and a binary file form (<see cref="ItemVectorFile"/>). Filtered search and filtered get compile the filter
/// expression once per expression instance. Ordering of filtered gets (OrderBy) is not supported.
/// From <see cref="AnnIndexOptions.Threshold"/> rows on, searches walk an HNSW graph (built on first search, then kept
/// in step with upserts and deletes) instead of scanning; filters stay exact either way (a returned record always passes
/// the filter). <see cref="SearchExact"/> always scans.
/// </summary>
public sealed class InMemoryVectorCollection : ItemVectorCollection
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _rows = new(StringComparer.Ordinal);
    private readonly List<ItemVectorRecord> _records = [];
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;
    private readonly ConditionalWeakTable<Expression, Func<ItemVectorRecord, bool>> _compiled = [];
    private readonly AnnIndexOptions _ann;
    private readonly AnnRowGraph _graph;
    private VectorMatrix _matrix;
    private bool _exists = true;

    /// <summary>
    /// A collection of <paramref name="dimensions"/>-wide vectors; string search values are embedded with
    /// <paramref name="generator"/> when given; <paramref name="ann"/> says when searches use the HNSW graph.
    /// </summary>
    public InMemoryVectorCollection(
        string name, int dimensions, IEmbeddingGenerator<string, Embedding<float>>? generator = null, AnnIndexOptions? ann = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _matrix = new VectorMatrix(dimensions);
        _generator = generator;
        _ann = ann ?? new AnnIndexOptions();
        _ann.Validate();
        _graph = new AnnRowGraph(_ann);
    }

    /// <summary>Whether searches currently walk the HNSW graph (the collection is at or above the threshold and the graph is built).</summary>
    public bool UsesAnnIndex => _graph.Index is not null;

    /// <summary>Whether the collection is large enough for the graph (and the graph is enabled).</summary>
    public bool WantsAnnIndex => _ann.Enabled && Count >= _ann.Threshold;

    /// <summary>The search width calibration of the current graph (built or loaded), or null when there is none or it was not calibrated.</summary>
    public HnswCalibration? AnnCalibration => _graph.Calibration;

    /// <summary>
    /// The calibration that made the collection keep searching exactly although it is large enough for the graph (the
    /// recall target took more than <see cref="AnnIndexOptions.MaxScannedFraction"/> of the vectors per query); null
    /// otherwise. Cleared by the next write.
    /// </summary>
    public HnswCalibration? AnnDeclined => _graph.Declined;

    /// <summary>The graph's current search width, or null when searches are exact.</summary>
    public int? AnnEfSearch => _graph.Index?.EfSearch;

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>Width of the vectors.</summary>
    public int Dimensions => _matrix.Dimensions;

    /// <summary>Number of records.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _records.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(_exists);

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        _exists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        _lock.EnterWriteLock();
        try
        {
            _rows.Clear();
            _records.Clear();
            _matrix = new VectorMatrix(_matrix.Dimensions);
            _graph.Drop();
            _exists = false;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<ItemVectorRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _lock.EnterReadLock();
        try
        {
            EnsureExists();
            return Task.FromResult(_rows.TryGetValue(key, out var row) ? Read(row, options?.IncludeVectors ?? false) : null);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ItemVectorRecord> GetAsync(
        IEnumerable<string> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await GetAsync(key, options, cancellationToken).ConfigureAwait(false) is { } record)
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    protected override string FilteredGetOrderByUnsupported =>
        "InMemoryVectorCollection does not support OrderBy on filtered gets; records come back in insertion order.";

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ItemVectorRecord> GetFilteredAsync(
        Expression<Func<ItemVectorRecord, bool>> filter, int top, int skip, bool includeVectors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var predicate = Compile(filter);
        var results = new List<ItemVectorRecord>();
        _lock.EnterReadLock();
        try
        {
            EnsureExists();
            for (var r = 0; r < _records.Count && results.Count < top; r++)
            {
                if (predicate(_records[r]) && skip-- <= 0)
                {
                    results.Add(Read(r, includeVectors));
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        foreach (var record in results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _lock.EnterWriteLock();
        try
        {
            EnsureExists();
            if (_rows.Remove(key, out var row))
            {
                var last = _records.Count - 1;
                if (row != last)
                {
                    _records[row] = _records[last];
                    _rows[_records[row].Id] = row;
                }

                _records.RemoveAt(last);
                _matrix.RemoveBySwap(row);
                _graph.Deleted(row, last, _records.Count);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            await DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task UpsertAsync(ItemVectorRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        Upsert([record]);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task UpsertAsync(IEnumerable<ItemVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        Upsert(records as IReadOnlyList<ItemVectorRecord> ?? [.. records]);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Inserts or replaces every record; all-or-nothing: a record with a wrong vector width rejects the whole batch
    /// before anything is written.
    /// </summary>
    public void Upsert(IReadOnlyList<ItemVectorRecord> records)
    {
        ItemVectorArguments.CheckRecords(records, Name, _matrix.Dimensions, requireFinite: false, nameof(records));

        _lock.EnterWriteLock();
        try
        {
            EnsureExists();
            foreach (var record in records)
            {
                var stored = record.Copy(includeVector: false);
                if (_rows.TryGetValue(record.Id, out var row))
                {
                    _records[row] = stored;
                    _matrix.Set(row, record.Vector.Span);
                    _graph.Replaced(row, record.Vector.Span);
                }
                else
                {
                    row = _matrix.Add(record.Vector.Span);
                    _rows[record.Id] = row;
                    _records.Add(stored);
                    _graph.Added(row, record.Vector.Span);
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<VectorSearchResult<ItemVectorRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<ItemVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = await ItemVectorArguments.QueryVectorAsync(searchValue, Name, _generator, cancellationToken).ConfigureAwait(false);

        var filter = options?.Filter is { } expression ? Compile(expression) : null;
        var skip = options?.Skip ?? 0;
        var hits = Search(query.Span, top + skip, filter);
        for (var i = skip; i < hits.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (record, score) = hits[i];
            if (options?.ScoreThreshold is { } threshold && score < threshold)
            {
                yield break;
            }

            yield return new VectorSearchResult<ItemVectorRecord>(options?.IncludeVectors == true ? record : record.Copy(includeVector: false), score);
        }
    }

    /// <summary>
    /// Top-<paramref name="top"/> by cosine among records <paramref name="filter"/> accepts, vectors included: exact below
    /// the ANN threshold, from the HNSW graph at or above it (every returned record still passes the filter).
    /// </summary>
    public IReadOnlyList<(ItemVectorRecord Record, double Score)> Search(ReadOnlySpan<float> query, int top, Func<ItemVectorRecord, bool>? filter = null) =>
        Search(query, top, filter, exact: false);

    /// <summary>Exact top-<paramref name="top"/> by cosine among records <paramref name="filter"/> accepts, whatever the size; vectors included.</summary>
    public IReadOnlyList<(ItemVectorRecord Record, double Score)> SearchExact(ReadOnlySpan<float> query, int top, Func<ItemVectorRecord, bool>? filter = null) =>
        Search(query, top, filter, exact: true);

    private IReadOnlyList<(ItemVectorRecord Record, double Score)> Search(ReadOnlySpan<float> query, int top, Func<ItemVectorRecord, bool>? filter, bool exact)
    {
        _lock.EnterReadLock();
        try
        {
            EnsureExists();
            var records = _records;
            var hits = Rows(query, top, filter is null ? null : r => filter(records[r]), exact);
            var result = new (ItemVectorRecord, double)[hits.Length];
            for (var i = 0; i < hits.Length; i++)
            {
                result[i] = (Read(hits[i].Row, includeVector: true), hits[i].Score);
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Exact top-k over row numbers (rows are insertion order while nothing is deleted); for callers that filter by row.</summary>
    internal (int Row, float Score)[] SearchRows(ReadOnlySpan<float> query, int top, Func<int, bool>? include)
    {
        _lock.EnterReadLock();
        try
        {
            EnsureExists();
            return Rows(query, top, include, exact: false);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The vector of row <paramref name="row"/>, copied.</summary>
    internal float[] RowVector(int row)
    {
        _lock.EnterReadLock();
        try
        {
            return _matrix.Row(row).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>A snapshot of every key and vector in row order, for <see cref="ItemVectorFile.Write"/>.</summary>
    public (string[] Keys, float[] Vectors) Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            return ([.. _records.Select(r => r.Id)], _matrix.Data.ToArray());
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Top rows, from the graph when the collection is large enough, else by exact scan. Caller holds the read lock.</summary>
    private (int Row, float Score)[] Rows(ReadOnlySpan<float> query, int top, Func<int, bool>? include, bool exact) =>
        (exact ? null : _graph.Search(_matrix, query, top, include)) ?? _matrix.Search(query, top, include);

    /// <summary>
    /// Builds the HNSW graph now (when the collection is at or above the threshold and has none), instead of on the first
    /// search; returns whether searches use a graph afterwards (false too when the calibration found that reaching the
    /// recall target compares more than <see cref="AnnIndexOptions.MaxScannedFraction"/> of the vectors: see
    /// <see cref="AnnDeclined"/>).
    /// </summary>
    public bool BuildAnnIndex()
    {
        _lock.EnterReadLock();
        try
        {
            return _graph.Ensure(_matrix);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Writes the graph over the current rows to <paramref name="path"/> (atomically), building it first when there is
    /// none; a graph that has absorbed updates since its build is written as a fresh build, so a loaded graph's nodes
    /// are always the rows in order.
    /// </summary>
    public void SaveAnnIndex(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _lock.EnterReadLock();
        try
        {
            _graph.Save(_matrix, path);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Adopts the graph saved at <paramref name="path"/> when it was built over exactly this collection's rows (same
    /// width, count and vectors, in order); false, with the collection unchanged, when it belongs to other data. A damaged
    /// file throws <see cref="VectorIndexCorruptException"/>.
    /// </summary>
    public bool TryLoadAnnIndex(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var loaded = HnswIndex.Load(path, new Random(_ann.Seed));
        _lock.EnterWriteLock();
        try
        {
            if (loaded.Dimensions != _matrix.Dimensions || loaded.Count != _records.Count || loaded.LiveCount != _records.Count)
            {
                return false;
            }

            for (var row = 0; row < _records.Count; row++)
            {
                if (!loaded.Vector(row).SequenceEqual(_matrix.Row(row)))
                {
                    return false;
                }
            }

            _graph.Adopt(loaded, _matrix);

            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lock.Dispose();
        }

        base.Dispose(disposing);
    }

    private ItemVectorRecord Read(int row, bool includeVector)
    {
        var copy = _records[row].Copy(includeVector: false);
        if (includeVector)
        {
            copy.Vector = _matrix.Row(row).ToArray();
        }

        return copy;
    }

    private Func<ItemVectorRecord, bool> Compile(Expression<Func<ItemVectorRecord, bool>> filter) =>
        _compiled.GetValue(filter, e => ((Expression<Func<ItemVectorRecord, bool>>)e).Compile(preferInterpretation: false));

    private void EnsureExists()
    {
        if (!_exists)
        {
            throw new VectorStoreException($"Collection '{Name}' does not exist (it was deleted); call EnsureCollectionExistsAsync first.");
        }
    }
}
