using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// An inverted index over item descriptions scored with Okapi BM25 (k1 = 1.2, b = 0.75); built once per catalog.
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>A word found in at most this many items counts in their titles too, when titles are left out.</summary>
    public const int RareTitleItems = 3;

    // Per term: its idf and, per posting, the document and its length-normalised term weight, computed once at build
    // so a query only multiplies and adds; BodyWeights counts only the occurrences outside the item's titles.
    private readonly Dictionary<string, (double Idf, int[] Docs, double[] Weights, double[] BodyWeights)> _postings;

    /// <summary>Indexes every item's description.</summary>
    public Bm25Index(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var postings = new Dictionary<string, List<(int, int, int)>>(StringComparer.Ordinal);
        var lengths = new int[catalog.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var inTitles = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < catalog.Count; d++)
        {
            counts.Clear();
            inTitles.Clear();
            var item = catalog.Items[d];
            var tokens = TextTokens.Tokenize(item.Description, dropStopWords: false);
            lengths[d] = tokens.Count;
            foreach (var t in tokens)
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }

            CountTitleTokens(item.DisplayTitle, inTitles);
            foreach (var alternate in item.AlternateTitles)
            {
                CountTitleTokens(alternate, inTitles);
            }

            foreach (var (term, tf) in counts)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add((d, tf, Math.Max(0, tf - inTitles.GetValueOrDefault(term))));
            }
        }

        DocumentCount = catalog.Count;
        var averageLength = lengths.Length == 0 ? 1 : Math.Max(1, lengths.Average());
        _postings = new Dictionary<string, (double, int[], double[], double[])>(postings.Count, StringComparer.Ordinal);
        foreach (var (term, list) in postings)
        {
            var docs = new int[list.Count];
            var weights = new double[list.Count];
            var bodyWeights = new double[list.Count];
            for (var p = 0; p < list.Count; p++)
            {
                var (doc, tf, bodyTf) = list[p];
                docs[p] = doc;
                var norm = K1 * (1 - B + (B * lengths[doc] / averageLength));
                weights[p] = tf * (K1 + 1) / (tf + norm);
                bodyWeights[p] = bodyTf * (K1 + 1) / (bodyTf + norm);
            }

            _postings[term] = (IdfOf(list.Count), docs, weights, bodyWeights);
        }
    }

    private static void CountTitleTokens(string title, Dictionary<string, int> counts)
    {
        foreach (var t in TextTokens.Tokenize(title, dropStopWords: false))
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }
    }

    /// <summary>Number of indexed items.</summary>
    public int DocumentCount { get; }

    /// <summary>Inverse document frequency of <paramref name="term"/>; terms the catalog never uses count as rare.</summary>
    public double Idf(string term)
    {
        return _postings.TryGetValue(term, out var posting) ? posting.Idf : IdfOf(0);
    }

    /// <summary>
    /// Adds the BM25 score of <paramref name="queryTokens"/> for every matching item into <paramref name="scores"/>; returns
    /// the matched terms' count. Without <paramref name="titles"/> only the words outside an item's titles count, unless
    /// the word is so rare it names its few items: a request's everyday words ("a lazy afternoon") are evidence about
    /// genres, tags and people, never about titles.
    /// </summary>
    public int Score(IReadOnlyList<string> queryTokens, Span<double> scores, double weight = 1.0, bool titles = true)
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
            // A word in at most RareTitleItems titles names them ("interstellar"); a common one ("night") does not.
            var weights = titles || docs.Length <= RareTitleItems ? posting.Weights : posting.BodyWeights;
            for (var p = 0; p < docs.Length; p++)
            {
                scores[docs[p]] += factor * weights[p];
            }
        }

        return matched;
    }

    private double IdfOf(int df) => Math.Log(1 + ((DocumentCount - df + 0.5) / (df + 0.5)));
}
