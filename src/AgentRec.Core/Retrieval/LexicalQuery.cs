using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;

namespace AgentRec.Core.Retrieval;

/// <summary>The lexical side of retrieval, shared by the lexical and hybrid retrievers: what the request's words and named titles score in BM25.</summary>
internal static class LexicalQuery
{
    /// <summary>Catalog positions of the named titles that resolved to items.</summary>
    public static List<int> Anchors(ItemCatalog catalog, RecommendationIntent intent)
    {
        var anchors = new List<int>();
        foreach (var reference in intent.SimilarTo)
        {
            if (reference.ItemId is { } id && catalog.IndexOf(id) is var a and >= 0 && !anchors.Contains(a))
            {
                anchors.Add(a);
            }
        }

        return anchors;
    }

    /// <summary>
    /// Catalog positions a request must not return, ascending: the named titles and the excluded ids that are in the
    /// catalog. The retrievers walk it beside their pass over the catalog instead of hashing every item's id.
    /// </summary>
    public static int[] Blocked(ItemCatalog catalog, IReadOnlyList<int> anchors, IReadOnlySet<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(excluded);
        if (anchors.Count == 0 && excluded.Count == 0)
        {
            return [];
        }

        var blocked = new List<int>(anchors.Count + excluded.Count);
        blocked.AddRange(anchors);
        foreach (var id in excluded)
        {
            if (catalog.IndexOf(id) is var i and >= 0)
            {
                blocked.Add(i);
            }
        }

        blocked.Sort();
        return [.. blocked];
    }

    /// <summary>
    /// Adds BM25 scores into <paramref name="scores"/>: topics (double weight), genre words when books may be asked for,
    /// the message's own words unless titles were named, and each anchor's genres, tags and authors. Returns the matched terms' count.
    /// </summary>
    public static int Score(Bm25Index index, ItemCatalog catalog, RetrievalQuery query, IReadOnlyList<int> anchors, double[] scores)
    {
        var intent = query.Intent;
        var keywordTokens = new List<string>();
        foreach (var k in intent.Keywords)
        {
            keywordTokens.AddRange(TextTokens.Tokenize(k, dropStopWords: true));
        }

        if (GenresAreText(intent))
        {
            foreach (var g in intent.Genres)
            {
                keywordTokens.AddRange(TextTokens.Tokenize(g, dropStopWords: true));
            }
        }

        var matched = index.Score(keywordTokens, scores, weight: 2.0, titles: false);
        if (intent.SimilarTo.Count == 0)
        {
            // With named titles the message mostly repeats them ("movies like Heat"); the anchors speak instead.
            matched += index.Score(MessageWords(query.Message, intent), scores, titles: false);
        }

        foreach (var a in anchors)
        {
            matched += index.Score(AnchorTokens(catalog.Items[a]), scores, weight: 1.0 / anchors.Count);
        }

        return matched;
    }

    /// <summary>
    /// Whether the request's genre words are matched in the item text: where books may be asked for, since books carry
    /// no genre field.
    /// </summary>
    public static bool GenresAreText(RecommendationIntent intent) => intent.Domain != IntentDomains.Movie;

    /// <summary>What a named title contributes to the BM25 query: its genres, tags and authors.</summary>
    public static List<string> AnchorTokens(CatalogItem anchor)
    {
        var tokens = new List<string>();
        foreach (var g in anchor.Genres)
        {
            tokens.AddRange(TextTokens.Tokenize(g, dropStopWords: false));
        }

        foreach (var t in anchor.Tags)
        {
            tokens.AddRange(TextTokens.Tokenize(t, dropStopWords: true));
        }

        foreach (var c in anchor.Creators)
        {
            tokens.AddRange(TextTokens.Tokenize(c, dropStopWords: true));
        }

        return tokens;
    }

    /// <summary>
    /// The message words a text encoder trained on the catalog can read: <see cref="MessageWords"/> less Chinese
    /// character pairs, which the rule parser reads into the intent and which match little of the catalog's English
    /// text (they still count for BM25, where Chinese alternate titles can match them).
    /// </summary>
    public static List<string> EncoderWords(string message, RecommendationIntent intent)
    {
        var words = MessageWords(message, intent);
        words.RemoveAll(w => w.Length > 0 && TextTokens.IsCjk(w[0]));
        return words;
    }

    // "90s", "1990s", "80's": a decade the parser already made a year filter.
    private static bool IsDecade(string word)
    {
        var w = word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word.EndsWith('s') ? word[..^1] : null;
        return w is { Length: 2 or 4 } && w.All(char.IsAsciiDigit) && w[^1] == '0';
    }

    /// <summary>
    /// The message's words less filler (chat framing, occasions), decades under a year filter, genres ruled out, and those the parser already turned into a genre filter for movies:
    /// "funny" and "family" are Comedy and Children there, and matching them again in text only rewards titles like
    /// "The Addams Family".
    /// </summary>
    public static List<string> MessageWords(string message, RecommendationIntent intent)
    {
        var words = TextTokens.Tokenize(message, dropStopWords: true);
        // Chat framing and occasions are not topics ("for a family night" is not about nights).
        words.RemoveAll(Intent.Vocabulary.CueVocabulary.Default.Filler.Contains);
        if (intent.YearFrom is not null || intent.YearTo is not null)
        {
            words.RemoveAll(IsDecade);
        }

        // Topics ruled out are not what the request is about ("fantasy, nothing young adult").
        if (intent.AvoidKeywords.Count > 0)
        {
            var avoided = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var phrase in intent.AvoidKeywords.SelectMany(IntentLexicon.PhrasesOf))
            {
                avoided.UnionWith(TextTokens.Tokenize(phrase, dropStopWords: true));
            }

            words.RemoveAll(avoided.Contains);
        }

        // Genres ruled out are never topics ("no romantic comedies" is not about romance).
        var asked = intent.Genres.Count > 0 && !GenresAreText(intent);
        if (asked || intent.ExcludeGenres.Count > 0)
        {
            // Genre phrases are keyed by their tokens joined ("sci-fi" → "scifi", "science fiction" → "sciencefiction").
            var drop = new bool[words.Count];
            for (var i = 0; i < words.Count; i++)
            {
                var joined = string.Empty;
                for (var n = 1; n <= 3 && i + n <= words.Count; n++)
                {
                    joined += words[i + n - 1];
                    if (IntentLexicon.EnglishGenres.TryGetValue(joined, out var genres)
                        && Array.Exists(genres, g => (asked && intent.Genres.Contains(g)) || intent.ExcludeGenres.Contains(g)))
                    {
                        Array.Fill(drop, true, i, n);
                    }
                }
            }

            var kept = new List<string>(words.Count);
            for (var i = 0; i < words.Count; i++)
            {
                if (!drop[i])
                {
                    kept.Add(words[i]);
                }
            }

            words = kept;
        }

        return words;
    }
}
