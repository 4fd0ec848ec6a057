using System.Linq.Expressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// The argument checks every collection of <see cref="ItemVectorRecord"/>s makes, whichever store holds the vectors,
/// so a bad record, filter or search value is refused the same way, in the same words, in process and in Qdrant.
/// </summary>
public static class ItemVectorArguments
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> (naming <paramref name="paramName"/>) unless every record has a non-empty id and a
    /// <paramref name="dimensions"/>-wide vector, and, when <paramref name="requireFinite"/>, no NaN or infinite component.
    /// </summary>
    public static void CheckRecords(IReadOnlyList<ItemVectorRecord> records, string collection, int dimensions, bool requireFinite, string paramName)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            if (string.IsNullOrEmpty(record.Id))
            {
                throw new ArgumentException("Every record needs a non-empty Id.", paramName);
            }

            if (record.Vector.Length != dimensions)
            {
                throw new ArgumentException(
                    $"Record '{record.Id}' has a {record.Vector.Length}-dimensional vector; collection '{collection}' holds {dimensions}-dimensional vectors.",
                    paramName);
            }

            if (requireFinite && !AllFinite(record.Vector.Span))
            {
                throw new ArgumentException($"Record '{record.Id}' has a NaN or infinite vector component; nothing was written.", paramName);
            }
        }
    }

    /// <summary>Throws unless a filtered get has a filter and a positive <paramref name="top"/>, and asks for no ordering, which <paramref name="orderByUnsupported"/> explains.</summary>
    public static void CheckFilteredGet(
        Expression<Func<ItemVectorRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<ItemVectorRecord>? options, string orderByUnsupported)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (options?.OrderBy is not null)
        {
            throw new NotSupportedException(orderByUnsupported);
        }
    }

    /// <summary>
    /// The vector to search with: <paramref name="searchValue"/> itself when it is one (ReadOnlyMemory&lt;float&gt;, float[]
    /// or Embedding&lt;float&gt;), a string's embedding by <paramref name="generator"/>; any other value is not supported.
    /// </summary>
    public static async ValueTask<ReadOnlyMemory<float>> QueryVectorAsync<TInput>(
        TInput searchValue, string collection, IEmbeddingGenerator<string, Embedding<float>>? generator, CancellationToken cancellationToken)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        return searchValue switch
        {
            ReadOnlyMemory<float> m => m,
            float[] a => a,
            Embedding<float> e => e.Vector,
            string text when generator is not null => (await generator.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector,
            string => throw new NotSupportedException($"Collection '{collection}' has no embedding generator; search with a vector (ReadOnlyMemory<float>, float[] or Embedding<float>)."),
            _ => throw new NotSupportedException($"Search values of type {typeof(TInput).Name} are not supported; use ReadOnlyMemory<float>, float[], Embedding<float> or string."),
        };
    }

    /// <summary>True when no value is NaN or infinite.</summary>
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
