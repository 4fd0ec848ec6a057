using AgentRec.Core.Catalog;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval.Stores;

/// <summary>A vector ranking of catalog indices taken from an external store, with the hard filters pushed down.</summary>
public static class VectorStoreRanking
{
    /// <summary>
    /// The best <paramref name="depth"/> catalog indices by similarity to <paramref name="query"/> among those
    /// <paramref name="include"/> accepts. <paramref name="filter"/> runs in the store; <paramref name="include"/> (which
    /// also drops anchors and excluded items) re-checks every hit, so over-fetching by <paramref name="slack"/> keeps the
    /// depth.
    /// </summary>
    public static async Task<int[]> RankAsync(
        VectorStoreCollection<string, ItemVectorRecord> store,
        ItemCatalog catalog,
        ReadOnlyMemory<float> query,
        int depth,
        ItemVectorFilter filter,
        Func<int, bool> include,
        int slack,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(include);
        var ranked = new List<int>(depth);
        var options = new VectorSearchOptions<ItemVectorRecord> { Filter = filter.ToExpression() };
        await foreach (var hit in store.SearchAsync(query, depth + slack, options, cancellationToken).ConfigureAwait(false))
        {
            var i = catalog.IndexOf(hit.Record.Id);
            if (i >= 0 && include(i))
            {
                ranked.Add(i);
                if (ranked.Count == depth)
                {
                    break;
                }
            }
        }

        return [.. ranked];
    }
}
