namespace AgentRec.Core.Contracts;

/// <summary>An item on its way through the pipeline, with the score each stage gave it and the facts that explain it.</summary>
public sealed class ScoredCandidate(CatalogItem item, int catalogIndex, double retrievalScore)
{
    /// <summary>The catalog item.</summary>
    public CatalogItem Item { get; } = item;

    /// <summary>The item's dense position in the catalog.</summary>
    public int CatalogIndex { get; } = catalogIndex;

    /// <summary>How well the item matched the request text and anchors (0 when the request was filters only).</summary>
    public double RetrievalScore { get; } = retrievalScore;

    /// <summary>Relevance after reranking; the order the reranker settles on.</summary>
    public double RerankScore { get; set; }

    /// <summary>The final score after personalization; items are returned in descending order of it.</summary>
    public double FinalScore { get; set; }

    /// <summary>Short, data-grounded reasons ("matches: heist", "similar to Heat").</summary>
    public List<string> Reasons { get; } = [];

    /// <summary>The item of the user's history (or a title they named) most often watched by the people who watched this one, when collaborative filtering put it forward.</summary>
    public CatalogItem? BecauseOf { get; set; }
}

/// <summary>What to retrieve: the intent, the words of the message, and items that must not come back.</summary>
public sealed record RetrievalQuery(
    RecommendationIntent Intent,
    string Message,
    IReadOnlySet<string> ExcludedItemIds,
    int Limit)
{
    /// <summary>
    /// When set, a hard constraint per catalog position beside the intent's own: only positions marked true may be
    /// returned (the items of a person or studio the request names).
    /// </summary>
    public bool[]? Only { get; init; }

    /// <summary>The evidence an item needs to be retrieved at all; none by default.</summary>
    public EvidenceFloor Floor { get; init; } = EvidenceFloor.None;
}

/// <summary>
/// The least number of ratings an item needs to be a fair answer: a title rated by one or two people is not a
/// recommendation anyone can stand behind, however well it matches the words.
/// </summary>
/// <param name="MovieRatings">MovieLens ratings a movie needs.</param>
/// <param name="BookRatings">goodbooks ratings a book needs.</param>
public readonly record struct EvidenceFloor(int MovieRatings, int BookRatings)
{
    /// <summary>No floor.</summary>
    public static EvidenceFloor None => default;

    /// <summary>The most MovieLens ratings a movie may have (hidden gems are the less known); 0 for no limit.</summary>
    public int MaxMovieRatings { get; init; }

    /// <summary>The most goodbooks ratings a book may have; 0 for no limit.</summary>
    public int MaxBookRatings { get; init; }

    /// <summary>The least mean rating (of 5) an item needs; 0 for no limit.</summary>
    public double MinMeanRating { get; init; }

    /// <summary>The least mean rating (of 5) a book needs where it differs from <see cref="MinMeanRating"/>; 0 for the same.</summary>
    public double MinBookMeanRating { get; init; }

    /// <summary>The least mean rating an item of the domain needs (goodbooks means run higher than MovieLens ones).</summary>
    public double MinMeanFor(bool movie) => movie || MinBookMeanRating <= 0 ? MinMeanRating : MinBookMeanRating;

    /// <summary>True when <paramref name="item"/> has the ratings its domain needs, no more than its limit, and the mean asked for.</summary>
    public bool Admits(CatalogItem item)
    {
        var movie = item.Domain == ItemDomain.Movie;
        var max = movie ? MaxMovieRatings : MaxBookRatings;
        var mean = MinMeanFor(movie);
        return item.Popularity >= (movie ? MovieRatings : BookRatings) && (max == 0 || item.Popularity <= max)
            && (mean <= 0 || item.MeanRating >= mean);
    }
}
