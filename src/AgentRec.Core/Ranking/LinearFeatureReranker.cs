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
        var years = YearRange(candidates);
        foreach (var c in candidates)
        {
            var i = c.CatalogIndex;
            double rating = priors.Rating(i), popularity = priors.Popularity(i), text = c.RetrievalScore;
            var recency = Recency(c, years);
            c.RerankScore = Combine(intent.Sort, text, rating, popularity, recency);
            AddReasons(c, intent);
        }

        var ordered = candidates.ToArray();
        Array.Sort(ordered, static (a, b) => b.RerankScore.CompareTo(a.RerankScore));
        return ValueTask.FromResult<IReadOnlyList<ScoredCandidate>>(ordered);
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

    /// <summary>Recency of a candidate in [0, 1] within the candidates' year range.</summary>
    internal static double Recency(ScoredCandidate c, (int Min, int Max) range) =>
        c.Item.Year is { } y && range.Max > range.Min ? (double)(y - range.Min) / (range.Max - range.Min) : 0;

    /// <summary>Data-grounded reasons: requested genres, matched keywords, the rating and its support.</summary>
    internal static void AddReasons(ScoredCandidate c, RecommendationIntent intent)
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
