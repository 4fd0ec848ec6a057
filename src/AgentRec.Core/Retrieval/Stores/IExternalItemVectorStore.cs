using AgentRec.Core.Catalog;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval.Stores;

/// <summary>
/// A vector store outside the process (a Qdrant server) that holds a copy of the item vectors and answers the hybrid
/// retriever's vector searches with the hard filters pushed down. A connector registers it; <see cref="ItemVectorService"/>
/// fills it once the in-process index is built.
/// </summary>
public interface IExternalItemVectorStore
{
    /// <summary>Where the store is and which collection holds the items, for the logs.</summary>
    string Description { get; }

    /// <summary>
    /// Makes the store hold <paramref name="index"/>'s vectors of <paramref name="catalog"/> and returns the collection to
    /// search; null (logged) when the store cannot be used, so retrieval searches the in-process index.
    /// </summary>
    Task<VectorStoreCollection<string, ItemVectorRecord>?> SyncAsync(ItemCatalog catalog, ItemVectorIndex index, CancellationToken cancellationToken);
}
