using AgentRec.Core.Catalog;
using AgentRec.Core.Retrieval.Hnsw;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Every catalog item's embedding in an <see cref="InMemoryVectorCollection"/> whose rows follow catalog order.
/// Built once per (catalog, model) fingerprint and cached as an <see cref="ItemVectorFile"/>; later starts reload it.
/// </summary>
public sealed partial class ItemVectorIndex
{
    private ItemVectorIndex(InMemoryVectorCollection collection, string fingerprint, bool loadedFromCache, TimeSpan elapsed)
    {
        Collection = collection;
        Fingerprint = fingerprint;
        LoadedFromCache = loadedFromCache;
        Elapsed = elapsed;
    }

    /// <summary>The collection (rows in catalog order).</summary>
    public InMemoryVectorCollection Collection { get; }

    /// <summary>The cache key: catalog fingerprint + model fingerprint.</summary>
    public string Fingerprint { get; }

    /// <summary>True when the vectors came from the cache file rather than the encoder.</summary>
    public bool LoadedFromCache { get; }

    /// <summary>How long building or loading took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// Loads the vectors for <paramref name="catalog"/> from <paramref name="cacheDirectory"/> when a file with the same
    /// fingerprint exists and is intact; otherwise embeds every item description and writes the file.
    /// </summary>
    public static async Task<ItemVectorIndex> LoadOrBuildAsync(
        ItemCatalog catalog,
        IEmbeddingGenerator<string, Embedding<float>> encoder,
        string catalogFingerprint,
        string modelFingerprint,
        string? cacheDirectory,
        ILogger? logger = null,
        AnnIndexOptions? ann = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(encoder);
        logger ??= NullLogger.Instance;
        var clock = Stopwatch.StartNew();
        var fingerprint = $"{catalogFingerprint}-{modelFingerprint}";
        var path = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"items-{fingerprint}.vec");
        if (path is not null && File.Exists(path))
        {
            try
            {
                if (ItemVectorFile.Read(path, fingerprint) is { } cached && cached.Keys.Length == catalog.Count && KeysMatch(catalog, cached.Keys))
                {
                    var collection = Fill(catalog, cached.Vectors, cached.Dimensions, ann);
                    PrepareGraph(collection, path, logger);
                    var loadedIndex = new ItemVectorIndex(collection, fingerprint, true, clock.Elapsed);
                    LogLoaded(logger, catalog.Count, path, clock.ElapsedMilliseconds);
                    return loadedIndex;
                }
            }
            catch (InvalidDataException e)
            {
                LogCorrupt(logger, path, e.Message);
            }
        }

        var texts = new string[catalog.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = catalog.Items[i].Description;
        }

        var embeddings = await encoder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        var dims = embeddings.Count > 0 ? embeddings[0].Vector.Length : 1;
        var vectors = new float[catalog.Count * dims];
        for (var i = 0; i < embeddings.Count; i++)
        {
            embeddings[i].Vector.Span.CopyTo(vectors.AsSpan(i * dims, dims));
        }

        var built = Fill(catalog, vectors, dims, ann);
        if (path is not null)
        {
            ItemVectorFile.Write(path, fingerprint, catalog.Items.Select(i => i.Id).ToArray(), vectors, dims);
        }

        PrepareGraph(built, path, logger);

        LogBuilt(logger, catalog.Count, dims, path ?? "(no cache)", clock.ElapsedMilliseconds);
        return new ItemVectorIndex(built, fingerprint, false, clock.Elapsed);
    }

    /// <summary>The embedding of catalog item <paramref name="catalogIndex"/>.</summary>
    public float[] VectorOf(int catalogIndex) => Collection.RowVector(catalogIndex);

    /// <summary>Exact top-<paramref name="k"/> catalog indices by cosine among those <paramref name="include"/> accepts.</summary>
    public (int CatalogIndex, float Score)[] Search(ReadOnlySpan<float> query, int k, Func<int, bool>? include) =>
        Collection.SearchRows(query, k, include);

    private static bool KeysMatch(ItemCatalog catalog, string[] keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (!string.Equals(keys[i], catalog.Items[i].Id, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The graph file beside a vector cache file.</summary>
    public static string GraphPath(string vectorPath) => Path.ChangeExtension(vectorPath, ".hnsw");

    /// <summary>
    /// When the collection is large enough for the HNSW graph: loads the graph saved beside the vector file when it
    /// matches, else builds it (calibrating its search width) and saves it there, so later starts skip the build.
    /// </summary>
    private static void PrepareGraph(InMemoryVectorCollection collection, string? vectorPath, ILogger logger)
    {
        if (!collection.WantsAnnIndex)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var graphPath = vectorPath is null ? null : GraphPath(vectorPath);
        if (graphPath is not null && File.Exists(graphPath))
        {
            try
            {
                if (collection.TryLoadAnnIndex(graphPath))
                {
                    LogGraphLoaded(logger, collection.Count, graphPath, collection.AnnEfSearch ?? 0, clock.ElapsedMilliseconds);
                    return;
                }

                LogGraphStale(logger, graphPath);
            }
            catch (Exception e) when (e is VectorIndexCorruptException or IOException)
            {
                LogCorrupt(logger, graphPath, e.Message);
            }
        }

        if (!collection.BuildAnnIndex())
        {
            if (collection.AnnDeclined is { } declined)
            {
                LogGraphDeclined(logger, declined.ScannedFraction, declined.EfSearch, declined.TargetRecall);
            }

            return;
        }

        if (collection.AnnCalibration is { } calibration)
        {
            LogGraphCalibrated(logger, calibration.EfSearch, calibration.Recall, calibration.TargetRecall, calibration.ScannedFraction);
            if (!calibration.Reached)
            {
                LogGraphShort(logger, calibration.TargetRecall, calibration.EfSearch, calibration.Recall);
            }
        }

        if (graphPath is not null)
        {
            collection.SaveAnnIndex(graphPath);
        }

        LogGraphBuilt(logger, collection.Count, graphPath ?? "(not saved)", clock.ElapsedMilliseconds);
    }

    private static InMemoryVectorCollection Fill(ItemCatalog catalog, float[] vectors, int dims, AnnIndexOptions? ann)
    {
        var collection = new InMemoryVectorCollection("items", dims, ann: ann);
        var records = new ItemVectorRecord[catalog.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = ItemVectorRecord.From(catalog.Items[i], new ReadOnlyMemory<float>(vectors, i * dims, dims));
        }

        collection.Upsert(records);
        return collection;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} item vectors from {Path} in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, int count, string path, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} items ({Dims} dims) and cached them at {Path} in {Milliseconds} ms")]
    private static partial void LogBuilt(ILogger logger, int count, int dims, string path, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the HNSW graph over {Count} item vectors from {Path} (efSearch {EfSearch}) in {Milliseconds} ms")]
    private static partial void LogGraphLoaded(ILogger logger, int count, string path, int efSearch, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the HNSW graph over {Count} item vectors, saved to {Path}, in {Milliseconds} ms")]
    private static partial void LogGraphBuilt(ILogger logger, int count, string path, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "HNSW search width calibrated: efSearch {EfSearch} gives recall@10 {Recall:F3} (target {Target:F2}) comparing {Scanned:P1} of the vectors per query")]
    private static partial void LogGraphCalibrated(ILogger logger, int efSearch, double recall, double target, double scanned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The HNSW graph reaches recall@10 {Recall:F3} at efSearch {EfSearch}, short of the target {Target:F2}; raise VectorStore:Ann:MaxEfSearch or Hnsw:M, or keep searches exact (VectorStore:Ann:Enabled=false)")]
    private static partial void LogGraphShort(ILogger logger, double target, int efSearch, double recall);

    [LoggerMessage(Level = LogLevel.Information, Message = "Item vectors stay on the exact scan: the HNSW graph would compare {Scanned:P0} of them per query (efSearch {EfSearch}) to reach recall@10 {Target:F2}, more than VectorStore:Ann:MaxScannedFraction allows")]
    private static partial void LogGraphDeclined(ILogger logger, double scanned, int efSearch, double target);

    [LoggerMessage(Level = LogLevel.Information, Message = "The HNSW graph at {Path} was built over other vectors; rebuilding it")]
    private static partial void LogGraphStale(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring the vector cache {Path}: {Reason}; rebuilding it")]
    private static partial void LogCorrupt(ILogger logger, string path, string reason);
}
