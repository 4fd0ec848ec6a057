using System.Diagnostics;
using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval.Qdrant;

/// <summary>
/// Puts the item vectors into Qdrant at index build: only when the collection is missing, its point count differs from
/// the catalog, or a sampled vector differs from the local one (another encoder); otherwise leaves it as it is.
/// </summary>
public static partial class QdrantItemSync
{
    /// <summary>
    /// Makes <paramref name="collectionName"/> hold <paramref name="index"/>'s vectors and returns it; null (logged) when
    /// Qdrant cannot be used, so retrieval keeps searching the in-process index.
    /// </summary>
    public static async Task<QdrantVectorCollection?> SyncAsync(
        QdrantVectorStore store, string collectionName, ItemCatalog catalog, ItemVectorIndex index, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(logger);
        var clock = Stopwatch.StartNew();
        try
        {
            if (!await store.IsReadyAsync(cancellationToken).ConfigureAwait(false))
            {
                LogNotReady(logger, store.BaseAddress);
            }

            var collection = store.GetItemCollection(collectionName, index.Collection.Dimensions);
            var exists = await collection.CollectionExistsAsync(cancellationToken).ConfigureAwait(false);
            var count = exists ? await collection.CountAsync(cancellationToken).ConfigureAwait(false) : -1;
            if (exists && count == catalog.Count && await SampleMatchesAsync(collection, catalog, index, cancellationToken).ConfigureAwait(false))
            {
                LogUpToDate(logger, collectionName, count, store.BaseAddress);
                return collection;
            }

            if (exists)
            {
                await collection.EnsureCollectionDeletedAsync(cancellationToken).ConfigureAwait(false);
            }

            await collection.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
            var records = new ItemVectorRecord[catalog.Count];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = ItemVectorRecord.From(catalog.Items[i], index.VectorOf(i));
            }

            await collection.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
            LogUpserted(logger, records.Length, collectionName, store.BaseAddress, count, clock.ElapsedMilliseconds);
            return collection;
        }
        catch (VectorStoreException e)
        {
            LogUnavailable(logger, store.BaseAddress, e.Message);
            return null;
        }
    }

    private static async Task<bool> SampleMatchesAsync(QdrantVectorCollection collection, ItemCatalog catalog, ItemVectorIndex index, CancellationToken cancellationToken)
    {
        if (catalog.Count == 0)
        {
            return true;
        }

        var sample = catalog.Count / 2;
        var stored = await collection.GetAsync(catalog.Items[sample].Id, new RecordRetrievalOptions { IncludeVectors = true }, cancellationToken).ConfigureAwait(false);
        var local = index.VectorOf(sample);
        if (stored is null || stored.Vector.Length != local.Length)
        {
            return false;
        }

        var remote = stored.Vector.Span;
        for (var i = 0; i < local.Length; i++)
        {
            if (Math.Abs(remote[i] - local[i]) > 1e-4f)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant at {Url} does not report ready (/readyz); trying anyway with retries")]
    private static partial void LogNotReady(ILogger logger, Uri url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Qdrant collection {Collection} already holds the {Count} item vectors at {Url}; nothing upserted")]
    private static partial void LogUpToDate(ILogger logger, string collection, long count, Uri url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upserted {Count} item vectors into Qdrant collection {Collection} at {Url} (it had {Previous} points; -1 = missing) in {Milliseconds} ms")]
    private static partial void LogUpserted(ILogger logger, int count, string collection, Uri url, long previous, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Qdrant at {Url} cannot serve the item vectors ({Reason}); hybrid retrieval searches the in-process index instead")]
    private static partial void LogUnavailable(ILogger logger, Uri url, string reason);
}
