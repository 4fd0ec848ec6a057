using System.Diagnostics;
using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
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
                    var collection = Fill(catalog, cached.Vectors, cached.Dimensions);
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

        var built = Fill(catalog, vectors, dims);
        if (path is not null)
        {
            ItemVectorFile.Write(path, fingerprint, catalog.Items.Select(i => i.Id).ToArray(), vectors, dims);
        }

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

    private static InMemoryVectorCollection Fill(ItemCatalog catalog, float[] vectors, int dims)
    {
        var collection = new InMemoryVectorCollection("items", dims);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring the vector cache {Path}: {Reason}; rebuilding it")]
    private static partial void LogCorrupt(ILogger logger, string path, string reason);
}
