using AgentRec.Core.Retrieval;

namespace AgentRec.Core.Ranking;

/// <summary>
/// Reranks with a linear model over request–item features (text match, shrunk rating, popularity, recency),
/// weighted by the requested sort. It is the reranker when no cross-encoder is configured.
/// </summary>
public sealed class LinearFeatureReranker(ItemPriors priors) : IReranker
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ScoredCandidate>> RerankAsync(
        RecommendationIntent intent, string message, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(candidates);
        cancellationToken.ThrowIfCancellationRequested();
        var years = YearRange(candidates);
        var anchorGenres = AnchorGenres(intent, priors.Catalog);
        var reasons = new RerankReasons(intent);
        foreach (var c in candidates)
        {
            var i = c.CatalogIndex;
            double rating = priors.Rating(i), popularity = priors.Popularity(i), text = c.RetrievalScore;
            var recency = Recency(c, years);
            c.RerankScore = Combine(intent.Sort, text, rating, popularity, recency) + AnchorOverlap(c.Item, anchorGenres);
            reasons.AddTo(c);
        }

        return ByRerankScore(candidates);
    }

    /// <summary>The hand-set weighting of text match, rating, popularity and recency under the requested sort.</summary>
    internal static double Combine(string sort, double text, double rating, double popularity, double recency) => sort switch
    {
        IntentSorts.Rating => (1.0 * rating) + (0.15 * popularity) + (0.2 * text),
        IntentSorts.Popularity => (1.0 * popularity) + (0.1 * rating) + (0.2 * text),
        IntentSorts.Newest => (1.0 * recency) + (0.15 * rating) + (0.1 * popularity) + (0.2 * text),
        _ => (1.0 * text) + (0.35 * rating) + (0.3 * popularity),
    };

    /// <summary>(min, max) release year of the candidates; min &gt; max when none has a year.</summary>
    /// <summary>Weight of the share of a named title's genres an item also has ("similar" requests).</summary>
    internal const double AnchorOverlapWeight = 0.6;

    /// <summary>
    /// The genres of the titles a request names, less the genres it asks for (every candidate has those): what
    /// "like The Matrix but funnier" keeps of The Matrix. Null when no title is named.
    /// </summary>
    internal static HashSet<string>? AnchorGenres(RecommendationIntent intent, Catalog.ItemCatalog catalog)
    {
        if (intent.SimilarTo.Count == 0)
        {
            return null;
        }

        var genres = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in intent.SimilarTo)
        {
            if (reference.ItemId is { } id && catalog.TryGet(id, out var anchor))
            {
                genres.UnionWith(anchor.Genres);
            }
        }

        genres.ExceptWith(intent.Genres);
        return genres.Count == 0 ? null : genres;
    }

    /// <summary>
    /// For requests naming titles: <see cref="AnchorOverlapWeight"/> × the share of those titles' other genres the item
    /// has (under an explicit sort too: "like Toy Story but newer" picks Toy Story's kind, then shows it newest first). The vectors of named titles also bring items the same people liked whatever their kind;
    /// this keeps the kind of the named title in view ("like The Matrix but funnier": Men in Black before Forrest Gump).
    /// </summary>
    internal static double AnchorOverlap(CatalogItem item, HashSet<string>? anchorGenres)
    {
        if (anchorGenres is null)
        {
            return 0;
        }

        var shared = 0;
        foreach (var genre in item.Genres)
        {
            if (anchorGenres.Contains(genre))
            {
                shared++;
            }
        }

        return AnchorOverlapWeight * shared / anchorGenres.Count;
    }

    internal static (int Min, int Max) YearRange(IReadOnlyList<ScoredCandidate> candidates)
    {
        int minYear = int.MaxValue, maxYear = int.MinValue;
        foreach (var c in candidates)
        {
            if (c.Item.Year is { } y)
            {
                minYear = Math.Min(minYear, y);
                maxYear = Math.Max(maxYear, y);
            }
        }

        return (minYear, maxYear);
    }

    /// <summary>The reranked answer every reranker returns: a copy of <paramref name="candidates"/>, highest <see cref="ScoredCandidate.RerankScore"/> first.</summary>
    internal static ValueTask<IReadOnlyList<ScoredCandidate>> ByRerankScore(IReadOnlyList<ScoredCandidate> candidates)
    {
        var ordered = candidates.ToArray();
        Array.Sort(ordered, static (a, b) => b.RerankScore.CompareTo(a.RerankScore));
        return ValueTask.FromResult<IReadOnlyList<ScoredCandidate>>(ordered);
    }

    /// <summary>Recency of a candidate in [0, 1] within the candidates' year range.</summary>
    internal static double Recency(ScoredCandidate c, (int Min, int Max) range) =>
        c.Item.Year is { } y && range.Max > range.Min ? (double)(y - range.Min) / (range.Max - range.Min) : 0;
}
