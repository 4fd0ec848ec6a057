using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// An inverted index over item descriptions scored with Okapi BM25 (k1 = 1.2, b = 0.75); built once per catalog.
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    // Per term: its idf and, per posting, the document and its length-normalised term weight, computed once at build
    // so a query only multiplies and adds.
    private readonly Dictionary<string, (double Idf, int[] Docs, double[] Weights)> _postings;

    /// <summary>Indexes every item's description.</summary>
    public Bm25Index(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        var lengths = new int[catalog.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < catalog.Count; d++)
        {
            counts.Clear();
            var tokens = TextTokens.Tokenize(catalog.Items[d].Description, dropStopWords: false);
            lengths[d] = tokens.Count;
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

        DocumentCount = catalog.Count;
        var averageLength = lengths.Length == 0 ? 1 : Math.Max(1, lengths.Average());
        _postings = new Dictionary<string, (double, int[], double[])>(postings.Count, StringComparer.Ordinal);
        foreach (var (term, list) in postings)
        {
            var docs = new int[list.Count];
            var weights = new double[list.Count];
            for (var p = 0; p < list.Count; p++)
            {
                var (doc, tf) = list[p];
                docs[p] = doc;
                weights[p] = tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * lengths[doc] / averageLength))));
            }

            _postings[term] = (IdfOf(list.Count), docs, weights);
        }
    }

    /// <summary>Number of indexed items.</summary>
    public int DocumentCount { get; }

    /// <summary>Inverse document frequency of <paramref name="term"/>; terms the catalog never uses count as rare.</summary>
    public double Idf(string term)
    {
        return _postings.TryGetValue(term, out var posting) ? posting.Idf : IdfOf(0);
    }

    /// <summary>Adds the BM25 score of <paramref name="queryTokens"/> for every matching item into <paramref name="scores"/>; returns the matched terms' count.</summary>
    public int Score(IReadOnlyList<string> queryTokens, Span<double> scores, double weight = 1.0)
    {
        ArgumentNullException.ThrowIfNull(queryTokens);
        var matched = 0;
        for (var q = 0; q < queryTokens.Count; q++)
        {
            if (!_postings.TryGetValue(queryTokens[q], out var posting))
            {
                continue;
            }

            matched++;
            var factor = weight * posting.Idf;
            var docs = posting.Docs;
            var weights = posting.Weights;
            for (var p = 0; p < docs.Length; p++)
            {
                scores[docs[p]] += factor * weights[p];
            }
        }

        return matched;
    }

    private double IdfOf(int df) => Math.Log(1 + ((DocumentCount - df + 0.5) / (df + 0.5)));
}
