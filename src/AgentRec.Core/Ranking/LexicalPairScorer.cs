using AgentRec.Core.Catalog;
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
        var scores = new double[texts.Count];
        if (queryTokens.Length == 0 || texts.Count == 0)
        {
            return scores;
        }

        // One pass over each text counts its tokens and the query terms' occurrences, on spans: the texts are the
        // candidates' descriptions, a hundred per request, and a token string or a count dictionary per text added up
        // to most of a request's allocations.
        var q = queryTokens.Length;
        var frequencies = ArrayPool<int>.Shared.Rent(texts.Count * q);
        var lengths = ArrayPool<int>.Shared.Rent(texts.Count);
        try
        {
            Array.Clear(frequencies, 0, texts.Count * q);
            Span<char> buffer = stackalloc char[TextTokens.Tokenizer.BufferLength];
            long total = 0;
            for (var d = 0; d < texts.Count; d++)
            {
                var tokenizer = new TextTokens.Tokenizer(texts[d] ?? string.Empty, buffer);
                var length = 0;
                while (tokenizer.MoveNext())
                {
                    length++;
                    var token = tokenizer.Current;
                    for (var j = 0; j < q; j++)
                    {
                        if (token.SequenceEqual(queryTokens[j]))
                        {
                            frequencies[(d * q) + j]++;
                            break;
                        }
                    }
                }

                lengths[d] = length;
                total += length;
            }

            var average = Math.Max(1, (double)total / texts.Count);
            for (var d = 0; d < texts.Count; d++)
            {
                for (var j = 0; j < q; j++)
                {
                    var tf = frequencies[(d * q) + j];
                    if (tf == 0)
                    {
                        continue;
                    }

                    var norm = tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * lengths[d] / average))));
                    scores[d] += _index.Idf(queryTokens[j]) * norm;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(frequencies);
            ArrayPool<int>.Shared.Return(lengths);
        }

        return scores;
    }
}
