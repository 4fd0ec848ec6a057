using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// An inverted index over item descriptions scored with Okapi BM25 (k1 = 1.2, b = 0.75); built once per catalog.
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, (int Doc, int Tf)[]> _postings;
    private readonly int[] _lengths;
    private readonly double _averageLength;

    /// <summary>Indexes every item's description.</summary>
    public Bm25Index(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        _lengths = new int[catalog.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < catalog.Count; d++)
        {
            counts.Clear();
            var tokens = TextTokens.Tokenize(catalog.Items[d].Description, dropStopWords: false);
            _lengths[d] = tokens.Count;
            foreach (var t in tokens)
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }

            foreach (var (term, tf) in counts)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add((d, tf));
            }
        }

        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _averageLength = _lengths.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
        DocumentCount = catalog.Count;
    }

    /// <summary>Number of indexed items.</summary>
    public int DocumentCount { get; }

    /// <summary>Inverse document frequency of <paramref name="term"/>; terms the catalog never uses count as rare.</summary>
    public double Idf(string term)
    {
        var df = _postings.TryGetValue(term, out var list) ? list.Length : 0;
        return Math.Log(1 + ((DocumentCount - df + 0.5) / (df + 0.5)));
    }

    /// <summary>Adds the BM25 score of <paramref name="queryTokens"/> for every matching item into <paramref name="scores"/>; returns the matched terms' count.</summary>
    public int Score(IReadOnlyList<string> queryTokens, Span<double> scores, double weight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(queryTokens);
        var matched = 0;
        for (var q = 0; q < queryTokens.Count; q++)
        {
            if (!_postings.TryGetValue(queryTokens[q], out var list))
            {
                continue;
            }

            matched++;
            var idf = Math.Log(1 + ((DocumentCount - list.Length + 0.5) / (list.Length + 0.5)));
            foreach (var (doc, tf) in list)
            {
                var norm = tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * _lengths[doc] / _averageLength))));
                scores[doc] += weight * idf * norm;
            }
        }

        return matched;
    }
}
