using AgentRec.Core.Catalog;
using AgentRec.Core.Retrieval;

namespace AgentRec.Core.Ranking;

/// <summary>
/// Reranks plain-relevance requests with the linear model <c>agentrec train reranker</c> learned from which
/// candidates users picked; explicit sorts (rating, popularity, newest) keep the hand-set weighting of
/// <see cref="LinearFeatureReranker"/>, since the user said what matters. So do requests unlike the ones the model
/// learned from (genres, topics, a decade, nothing else): a request anchored on named titles, or with words beyond
/// those slots ("interstellar", "films by Christopher Nolan", "dark comedies"), where the learned lean towards
/// popular items would bury the few items the words or titles point at.
/// </summary>
public sealed class TrainedReranker : IReranker
{
    private readonly ItemPriors _priors;
    private readonly IPairScorer _pairs;
    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly float[] _weights;

    /// <summary>Uses <paramref name="weights"/> with the catalog's priors and the BM25 pair scorer.</summary>
    public TrainedReranker(RerankerWeights weights, ItemPriors priors, IPairScorer pairs)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _priors = priors ?? throw new ArgumentNullException(nameof(priors));
        _pairs = pairs ?? throw new ArgumentNullException(nameof(pairs));
        Weights = weights;
        _mean = [.. weights.Mean];
        _scale = weights.Std.Select(s => 1f / s).ToArray();
        _weights = [.. weights.Weights];
    }

    /// <summary>The loaded weights file.</summary>
    public RerankerWeights Weights { get; }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ScoredCandidate>> RerankAsync(
        RecommendationIntent intent, string message, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(candidates);
        cancellationToken.ThrowIfCancellationRequested();
        var learned = Learned(intent, message ?? string.Empty);
        var f = RerankerFeatures.Count;
        var buffer = ArrayPool<float>.Shared.Rent(learned ? Math.Max(1, candidates.Count * f) : 1);
        try
        {
            // The features (BM25 pair scores above all) are computed only when the learned weights will use them.
            var features = learned ? buffer.AsSpan(0, candidates.Count * f) : [];
            if (learned)
            {
                RerankerFeatures.Extract(intent, message ?? string.Empty, candidates, _priors, _pairs, features, cancellationToken);
            }

            var years = LinearFeatureReranker.YearRange(candidates);
            var anchorGenres = learned ? null : LinearFeatureReranker.AnchorGenres(intent, _priors.Catalog);
            var reasons = new RerankReasons(intent);
            for (var i = 0; i < candidates.Count; i++)
            {
                var c = candidates[i];
                c.RerankScore = learned
                    ? Score(features.Slice(i * f, f))
                    : LinearFeatureReranker.Combine(intent.Sort, c.RetrievalScore, _priors.Rating(c.CatalogIndex), _priors.Popularity(c.CatalogIndex), LinearFeatureReranker.Recency(c, years))
                        + LinearFeatureReranker.AnchorOverlap(c.Item, anchorGenres);
                reasons.AddTo(c);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return LinearFeatureReranker.ByRerankScore(candidates);
    }

    /// <summary>
    /// Whether the request has the shape of those the weights were learned from: plain relevance, no named titles, some
    /// genre, topic or year, and no words beyond them ("dark comedies from the 90s" has "dark", which only the text
    /// match weighs, and the learned lean towards popular items would drown it).
    /// </summary>
    internal static bool Learned(RecommendationIntent intent, string message)
    {
        if (intent.Sort != IntentSorts.Relevance || intent.SimilarTo.Count > 0
            || (intent.Genres.Count == 0 && intent.Keywords.Count == 0 && intent.YearFrom is null && intent.YearTo is null))
        {
            return false;
        }

        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keyword in intent.Keywords)
        {
            topics.UnionWith(TextTokens.Tokenize(keyword, dropStopWords: true));
        }

        foreach (var word in LexicalQuery.EncoderWords(message, intent))
        {
            if (!topics.Contains(word))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The model's score of one feature row, squashed to (0, 1) so later stages see the usual scale.</summary>
    internal double Score(Span<float> row)
    {
        TensorPrimitives.Subtract(row, _mean, row);
        TensorPrimitives.Multiply(row, _scale, row);
        var z = TensorPrimitives.Dot(row, _weights);
        return 1 / (1 + Math.Exp(-z));
    }
}
