using System.Globalization;
using AgentRec.Core.Intent;
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
        int minYear = int.MaxValue, maxYear = int.MinValue;
        foreach (var c in candidates)
        {
            if (c.Item.Year is { } y)
            {
                minYear = Math.Min(minYear, y);
                maxYear = Math.Max(maxYear, y);
            }
        }

        foreach (var c in candidates)
        {
            var i = c.CatalogIndex;
            double rating = priors.Rating(i), popularity = priors.Popularity(i), text = c.RetrievalScore;
            var recency = c.Item.Year is { } y && maxYear > minYear ? (double)(y - minYear) / (maxYear - minYear) : 0;
            c.RerankScore = intent.Sort switch
            {
                IntentSorts.Rating => (1.0 * rating) + (0.15 * popularity) + (0.2 * text),
                IntentSorts.Popularity => (1.0 * popularity) + (0.1 * rating) + (0.2 * text),
                IntentSorts.Newest => (1.0 * recency) + (0.15 * rating) + (0.1 * popularity) + (0.2 * text),
                _ => (1.0 * text) + (0.35 * rating) + (0.3 * popularity),
            };
            AddReasons(c, intent);
        }

        var ordered = candidates.ToArray();
        Array.Sort(ordered, static (a, b) => b.RerankScore.CompareTo(a.RerankScore));
        return ValueTask.FromResult<IReadOnlyList<ScoredCandidate>>(ordered);
    }

    private static void AddReasons(ScoredCandidate c, RecommendationIntent intent)
    {
        var item = c.Item;
        if (intent.Genres.Count > 0)
        {
            c.Reasons.Add("genre: " + string.Join(", ", intent.Genres));
        }

        foreach (var keyword in intent.Keywords)
        {
            if (item.Description.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                c.Reasons.Add("matches: " + keyword);
            }
        }

        if (item.Popularity > 0)
        {
            c.Reasons.Add(string.Create(CultureInfo.InvariantCulture, $"rated {item.MeanRating:0.0}/5 by {item.Popularity:N0} people"));
        }
    }
}
