using AgentRec.Core.Retrieval;

namespace AgentRec.Core.Ranking;

/// <summary>
/// The request–item features the trained reranker weighs, all in [0, 1]: retrieval relevance, BM25 of the message
/// against the item text (scaled by the list's best), how much of the item is the requested genres, closeness to the
/// requested years, requested topics found in the item's tags, log popularity, shrunk rating and recency in the list.
/// </summary>
public static class RerankerFeatures
{
    /// <summary>Feature names, in the column order of <see cref="Extract"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["retrieval", "bm25", "genreFocus", "yearFit", "topicTags", "popularity", "rating", "recency"];

    /// <summary>Number of features per candidate.</summary>
    public static int Count => Names.Count;

    /// <summary>Fills <paramref name="features"/> (candidates × <see cref="Count"/>, row-major) for one request.</summary>
    public static void Extract(
        RecommendationIntent intent, string message, IReadOnlyList<ScoredCandidate> candidates, ItemPriors priors, IPairScorer pairs,
        Span<float> features, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(priors);
        ArgumentNullException.ThrowIfNull(pairs);
        var f = Count;
        if (features.Length < candidates.Count * f)
        {
            throw new ArgumentException("The feature buffer is shorter than candidates × features.", nameof(features));
        }

        var texts = new string[candidates.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = candidates[i].Item.Description;
        }

        var bm25 = string.IsNullOrWhiteSpace(message) ? new double[texts.Length] : pairs.Score(message, texts, cancellationToken);
        var maxBm25 = 0.0;
        foreach (var s in bm25)
        {
            maxBm25 = Math.Max(maxBm25, s);
        }

        var years = LinearFeatureReranker.YearRange(candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var row = features.Slice(i * f, f);
            row[0] = (float)Math.Clamp(c.RetrievalScore, 0, 1);
            row[1] = maxBm25 > 0 ? (float)(bm25[i] / maxBm25) : 0f;
            row[2] = GenreFocus(intent, c);
            row[3] = YearFit(intent, c);
            row[4] = TopicTags(intent, c);
            row[5] = priors.Popularity(c.CatalogIndex);
            row[6] = priors.Rating(c.CatalogIndex);
            row[7] = (float)LinearFeatureReranker.Recency(c, years);
        }
    }

    private static float GenreFocus(RecommendationIntent intent, ScoredCandidate c)
    {
        var genres = c.Item.Genres;
        if (intent.Genres.Count == 0 || genres.Count == 0)
        {
            return 0f;
        }

        var hits = 0;
        foreach (var g in genres)
        {
            foreach (var wanted in intent.Genres)
            {
                if (string.Equals(g, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    hits++;
                    break;
                }
            }
        }

        return (float)hits / genres.Count;
    }

    private static float YearFit(RecommendationIntent intent, ScoredCandidate c)
    {
        if (c.Item.Year is not { } year || (intent.YearFrom is null && intent.YearTo is null))
        {
            return 0f;
        }

        var from = intent.YearFrom ?? (intent.YearTo!.Value - 20);
        var to = intent.YearTo ?? (intent.YearFrom!.Value + 20);
        var middle = (from + to) / 2.0;
        var half = Math.Max(1, (to - from) / 2.0) + 5;
        return (float)Math.Clamp(1 - (Math.Abs(year - middle) / half), 0, 1);
    }

    private static float TopicTags(RecommendationIntent intent, ScoredCandidate c)
    {
        if (intent.Keywords.Count == 0 || c.Item.Tags.Count == 0)
        {
            return 0f;
        }

        var hits = 0;
        foreach (var keyword in intent.Keywords)
        {
            foreach (var tag in c.Item.Tags)
            {
                if (tag.Contains(keyword, StringComparison.OrdinalIgnoreCase))
                {
                    hits++;
                    break;
                }
            }
        }

        return (float)hits / intent.Keywords.Count;
    }
}
