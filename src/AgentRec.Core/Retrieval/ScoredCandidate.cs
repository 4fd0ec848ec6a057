using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

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
    Intent.RecommendationIntent Intent,
    string Message,
    IReadOnlySet<string> ExcludedItemIds,
    int Limit)
{
    /// <summary>
    /// When set, a hard constraint per catalog position beside the intent's own: only positions marked true may be
    /// returned (the items of a person or studio the request names, see <see cref="People.PeopleConstraint"/>).
    /// </summary>
    public bool[]? Only { get; init; }
}
