using AgentRec.Core.Catalog;
using AgentRec.Core.Training;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// The paraphrase task of <see cref="RetrievalEvaluation"/>: for each item with held-out tag applications, a request
/// made of phrases that restate its tags (held-out first, then the ones it keeps) and its genres in other words, taken
/// from a <see cref="ParaphraseTable"/>. A phrase is used only when none of its content words (the project's tokenizer,
/// stop words dropped) occurs in the item's indexed text (title, year, genres, tags, authors), so the request shares no
/// word with its target and only meaning can find it.
/// </summary>
internal static class ParaphraseQueries
{
    /// <summary>The most tag phrases in one request, as a tag query takes at most three held-out tags.</summary>
    public const int MaxTagPhrases = 3;

    /// <summary>
    /// One request per item with held-out tags and at least one tag the table restates, phrases drawn with
    /// <paramref name="random"/>; at most <paramref name="max"/> of them, sampled with it.
    /// </summary>
    public static List<RetrievalEvaluation.Query> Build(
        ItemCatalog catalog, Dictionary<string, List<string>> heldOutTags, ParaphraseTable table, int max, Random random)
    {
        var queries = new List<RetrievalEvaluation.Query>();
        foreach (var (index, item, tags) in RetrievalEvaluation.HeldOutTagged(catalog, heldOutTags))
        {
            var text = new HashSet<string>(TextTokens.Tokenize(item.Description, dropStopWords: true), StringComparer.Ordinal);
            var terms = new HashSet<string>(StringComparer.Ordinal);
            var tagPhrases = Phrases(tags.Concat(item.Tags), table, text, terms, MaxTagPhrases, random);
            if (tagPhrases.Count == 0)
            {
                continue;
            }

            var genrePhrases = Phrases(item.Genres, table, text, terms, int.MaxValue, random);
            var request = RequestTexts.Compose(genrePhrases, tagPhrases, null, item.Domain);
            if (SharesNoWord(request, text))
            {
                queries.Add(new RetrievalEvaluation.Query(request, -1, index));
            }
        }

        return RetrievalEvaluation.Sample(queries, max, random);
    }

    /// <summary>Whether <paramref name="request"/> has no content word in <paramref name="text"/> (a set of content words).</summary>
    public static bool SharesNoWord(string request, IReadOnlySet<string> text) =>
        !TextTokens.Tokenize(request, dropStopWords: true).Any(text.Contains);

    /// <summary>
    /// One phrase for each of <paramref name="terms"/> the table restates without a word of <paramref name="text"/>,
    /// up to <paramref name="limit"/>; a term already restated (<paramref name="seen"/>, normalised) is skipped.
    /// </summary>
    private static List<string> Phrases(IEnumerable<string> terms, ParaphraseTable table, HashSet<string> text, HashSet<string> seen, int limit, Random random)
    {
        var phrases = new List<string>();
        foreach (var term in terms)
        {
            if (phrases.Count >= limit)
            {
                break;
            }

            if (!seen.Add(ParaphraseTable.Normalize(term)))
            {
                continue;
            }

            var usable = table.For(term).Where(p => SharesNoWord(p, text) && !phrases.Contains(p, StringComparer.OrdinalIgnoreCase)).ToArray();
            if (usable.Length > 0)
            {
                phrases.Add(usable[random.Next(usable.Length)]);
            }
        }

        return phrases;
    }
}
