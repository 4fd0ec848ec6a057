using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval;

/// <summary>One item in a vector collection: its id, the payload the hard filters read, and its embedding.</summary>
public sealed class ItemVectorRecord
{
    [VectorStoreKey]
    public string Id { get; set; } = string.Empty;

    /// <summary>"movie" or "book".</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Domain { get; set; } = "movie";

    [VectorStoreData(IsIndexed = true)]
    public int? Year { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public IReadOnlyList<string> Genres { get; set; } = [];

    /// <summary>Unit-length embedding; the in-process collection checks its width against the collection's, not this attribute's.</summary>
    [VectorStoreVector(128, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float> Vector { get; set; }

    internal ItemVectorRecord Copy(bool includeVector) => new()
    {
        Id = Id,
        Domain = Domain,
        Year = Year,
        Genres = Genres,
        Vector = includeVector ? Vector : ReadOnlyMemory<float>.Empty,
    };

    /// <summary>The record of a catalog item: its id, its filterable payload (domain, year, genres) and <paramref name="vector"/>.</summary>
    public static ItemVectorRecord From(CatalogItem item, ReadOnlyMemory<float> vector)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new ItemVectorRecord
        {
            Id = item.Id,
            Domain = item.Domain == ItemDomain.Book ? IntentDomains.Book : IntentDomains.Movie,
            Year = item.Year,
            Genres = item.Genres,
            Vector = vector,
        };
    }
}
