using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// A collection of <see cref="ItemVectorRecord"/>s, whichever store holds them: checks a filtered get's arguments in one
/// place (<see cref="ItemVectorArguments.CheckFilteredGet"/>) and leaves the store its own query.
/// </summary>
public abstract class ItemVectorCollection : VectorStoreCollection<string, ItemVectorRecord>
{
    /// <summary>Why this store refuses OrderBy on a filtered get (the message of the <see cref="NotSupportedException"/>).</summary>
    protected abstract string FilteredGetOrderByUnsupported { get; }

    /// <inheritdoc />
    public sealed override async IAsyncEnumerable<ItemVectorRecord> GetAsync(
        Expression<Func<ItemVectorRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<ItemVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ItemVectorArguments.CheckFilteredGet(filter, top, options, FilteredGetOrderByUnsupported);
        await foreach (var record in GetFilteredAsync(filter, top, options?.Skip ?? 0, options?.IncludeVectors ?? false, cancellationToken)
            .ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>At most <paramref name="top"/> records that pass <paramref name="filter"/>, after skipping <paramref name="skip"/> of them.</summary>
    protected abstract IAsyncEnumerable<ItemVectorRecord> GetFilteredAsync(
        Expression<Func<ItemVectorRecord, bool>> filter, int top, int skip, bool includeVectors, CancellationToken cancellationToken);
}
