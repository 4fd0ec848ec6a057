using AgentRec.Core.Retrieval;

namespace AgentRec.Core.Ranking;

/// <summary>
/// Scores (query, text) pairs by BM25-style term overlap with IDF from the catalog: the pair scorer of the
/// rerank plugin when no cross-encoder model is configured.
/// </summary>
public sealed class LexicalPairScorer : IPairScorer
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private readonly Bm25Index _index;

    /// <summary>Uses the catalog index's document frequencies as IDF.</summary>
    public LexicalPairScorer(Bm25Index index) => _index = index;

    /// <inheritdoc />
    public double[] Score(string query, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(texts);
        cancellationToken.ThrowIfCancellationRequested();
        var queryTokens = TextTokens.Tokenize(query, dropStopWords: true).Distinct(StringComparer.Ordinal).ToArray();
        var tokenized = texts.Select(t => TextTokens.Tokenize(t ?? string.Empty, dropStopWords: false)).ToArray();
        var average = tokenized.Length == 0 ? 1 : Math.Max(1, tokenized.Average(t => t.Count));
        var scores = new double[texts.Count];
        for (var d = 0; d < tokenized.Length; d++)
        {
            var counts = tokenized[d].GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var q in queryTokens)
            {
                if (!counts.TryGetValue(q, out var tf))
                {
                    continue;
                }

                var norm = tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * tokenized[d].Count / average))));
                scores[d] += _index.Idf(q) * norm;
            }
        }

        return scores;
    }
}
