using System.Diagnostics;
using AgentRec.Core.Catalog;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentRec.Connectors.Qdrant;

/// <summary>
/// Qdrant as the hybrid retriever's external item store. At index build it puts the item vectors into the configured
/// collection only when the collection is missing, its point count differs from the catalog, or a sampled vector differs
/// from the local one (another encoder); otherwise it leaves the collection as it is.
/// </summary>
public sealed partial class QdrantItemVectorStore(QdrantVectorStore store, string collectionName, ILogger<QdrantItemVectorStore>? logger = null) : IExternalItemVectorStore
{
    private readonly ILogger _logger = logger ?? NullLogger<QdrantItemVectorStore>.Instance;

    /// <inheritdoc />
    public string Description => $"qdrant at {store.Address} (gRPC), collection {collectionName}";

    /// <summary>
    /// Makes the collection hold <paramref name="index"/>'s vectors and returns it; null (logged) when Qdrant cannot be
    /// used, so retrieval keeps searching the in-process index.
    /// </summary>
    public async Task<VectorStoreCollection<string, ItemVectorRecord>?> SyncAsync(ItemCatalog catalog, ItemVectorIndex index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(index);
        var clock = Stopwatch.StartNew();
        try
        {
            if (!await store.IsReadyAsync(cancellationToken).ConfigureAwait(false))
            {
                LogNotReady(_logger, store.Address);
            }

            var collection = store.GetItemCollection(collectionName, index.Collection.Dimensions);
            var exists = await collection.CollectionExistsAsync(cancellationToken).ConfigureAwait(false);
            var count = exists ? await collection.CountAsync(cancellationToken).ConfigureAwait(false) : -1;
            if (exists && count == catalog.Count && await SampleMatchesAsync(collection, catalog, index, cancellationToken).ConfigureAwait(false))
            {
                LogUpToDate(_logger, collectionName, count, store.Address);
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
            LogUpserted(_logger, records.Length, collectionName, store.Address, count, clock.ElapsedMilliseconds);
            return collection;
        }
        catch (Exception e) when (e is VectorStoreException or StoreUnavailableException)
        {
            LogUnavailable(_logger, store.Address, e.Message);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant at {Address} does not answer its health check; trying anyway with retries")]
    private static partial void LogNotReady(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Qdrant collection {Collection} already holds the {Count} item vectors at {Address}; nothing upserted")]
    private static partial void LogUpToDate(ILogger logger, string collection, long count, Uri address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upserted {Count} item vectors into Qdrant collection {Collection} at {Address} (it had {Previous} points; -1 = missing) in {Milliseconds} ms")]
    private static partial void LogUpserted(ILogger logger, int count, string collection, Uri address, long previous, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Qdrant at {Address} cannot serve the item vectors ({Reason}); hybrid retrieval searches the in-process index instead")]
    private static partial void LogUnavailable(ILogger logger, Uri address, string reason);
}
