using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>Structured filters for a catalog search; every one is optional and all must hold.</summary>
public sealed record CatalogFilters
{
    /// <summary>Genres the item must all have (catalog names, e.g. "Sci-Fi").</summary>
    public IReadOnlyList<string>? Genres { get; init; }

    /// <summary>Genres the item must not have.</summary>
    public IReadOnlyList<string>? ExcludeGenres { get; init; }

    /// <summary>Earliest year, inclusive.</summary>
    public int? YearFrom { get; init; }

    /// <summary>Latest year, inclusive.</summary>
    public int? YearTo { get; init; }

    /// <summary>movie, book or any (default any).</summary>
    public string? Domain { get; init; }
}

/// <summary>Free-text search over the catalog (BM25 over titles, genres, tags, authors) under hard filters.</summary>
public sealed class CatalogSearch(ItemCatalog catalog, Bm25Index index, ItemPriors priors)
{
    /// <summary>The best matches for <paramref name="text"/>, at most <paramref name="count"/>, ties broken by popularity.</summary>
    public IReadOnlyList<(CatalogItem Item, double Score)> Search(string text, CatalogFilters? filters, int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        count = Math.Clamp(count, 1, RecommendationIntent.MaxCount);
        var intent = new RecommendationIntent
        {
            Domain = filters?.Domain is { } d && IntentDomains.All.Contains(d) ? d : IntentDomains.Any,
            Genres = filters?.Genres ?? [],
            ExcludeGenres = filters?.ExcludeGenres ?? [],
            YearFrom = filters?.YearFrom,
            YearTo = filters?.YearTo,
        };
        var scores = new double[catalog.Count];
        var matched = index.Score(TextTokens.Tokenize(text, dropStopWords: true), scores);
        var top = new TopK(count);
        for (var i = 0; i < scores.Length; i++)
        {
            if ((matched > 0 && scores[i] <= 0) || !IntentFilter.Matches(catalog.Items[i], intent))
            {
                continue;
            }

            var rank = scores[i] + (0.01 * priors.Popularity(i));
            top.Offer(i, rank);
        }

        return top.Drain().Select(k => (catalog.Items[k.Index], Math.Round(k.Rank, 4))).ToArray();
    }
}
