namespace AgentRec.Core.Intent;

/// <summary>
/// The vocabularies of the rule parser: the catalog's MovieLens genre names, and the data files under
/// Intent/Vocabulary (lexicon.json: genre synonyms in English and Chinese, topic, number and item words, typo targets;
/// chinese-titles.json: the Chinese names of well-known films and books), loaded once and checked at start-up.
/// </summary>
internal static class IntentLexicon
{
    /// <summary>The MovieLens genre names, in catalog spelling.</summary>
    public static IReadOnlyList<string> Genres => IntentGenres.All;

    // After Genres, which it is checked against: static fields are initialised in the order they are written.
    private static readonly Vocabulary.Lexicon Data = Vocabulary.Lexicon.LoadEmbedded(Genres);

    /// <summary>
    /// English genre words, keyed by their tokens joined without spaces, hyphens or apostrophes ("sci-fi", "sci fi",
    /// "scifi" are all "scifi"). An empty array shadows a phrase that only looks like a genre ("star wars").
    /// </summary>
    public static FrozenDictionary<string, string[]> EnglishGenres { get; } = Data.EnglishGenres;

    /// <summary>Chinese genre words, matched as substrings, longest first.</summary>
    public static IReadOnlyList<KeyValuePair<string, string[]>> ChineseGenres { get; } = Data.ChineseGenres;

    /// <summary>Topics that are not genres, as users write them, mapped to the keyword they stand for.</summary>
    public static FrozenDictionary<string, string> EnglishTopics { get; } = Data.EnglishTopics;

    /// <summary>The phrases that say <paramref name="topic"/>: the topic itself and every English phrase mapped to it ("gory" for gore).</summary>
    public static IEnumerable<string> PhrasesOf(string topic)
    {
        yield return topic;
        foreach (var (phrase, canonical) in EnglishTopics)
        {
            if (string.Equals(canonical, topic, StringComparison.OrdinalIgnoreCase))
            {
                yield return phrase;
            }
        }
    }

    /// <summary>Chinese topics mapped to the English keyword.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ChineseTopics { get; } = Data.ChineseTopics;

    /// <summary>English number words.</summary>
    public static FrozenDictionary<string, int> NumberWords { get; } = Data.NumberWords;

    /// <summary>Singular nouns naming one item: "a ___ movie" asks for one.</summary>
    public static FrozenSet<string> SingularItemNouns { get; } = Data.SingularItemNouns;

    /// <summary>Nouns naming items, singular or plural; a span made of these and genre words is not a title.</summary>
    public static FrozenSet<string> ItemNouns { get; } = Data.ItemNouns;

    /// <summary>Words that are never corrected as typos although they are one edit from a vocabulary word.</summary>
    public static FrozenSet<string> NotTypos { get; } = Data.NotTypos;

    /// <summary>Words a misspelling is corrected to (edit distance 1, or 2 for long words).</summary>
    public static IReadOnlyList<string> TypoTargets { get; } = Data.TypoTargets;

    /// <summary>
    /// Chinese names of well-known films and books with the English title the catalog uses, from the data file
    /// Intent/Vocabulary/chinese-titles.json (embedded; loaded once, checked at start-up).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ChineseTitles => Vocabulary.TitleAliases.Default.Chinese;
}
