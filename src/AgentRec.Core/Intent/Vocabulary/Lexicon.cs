namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>
/// The slot vocabularies of the rule parser (Intent/Vocabulary/lexicon.json, embedded): genre words in English and
/// Chinese mapped to catalog genres, topic words, number words, item nouns and the words typos are corrected to.
/// </summary>
public sealed class Lexicon
{
    /// <summary>The embedded file's name, as errors name it.</summary>
    public const string FileName = "lexicon.json";

    private static readonly string[] Sections =
    [
        "englishGenres", "chineseGenres", "englishTopics", "chineseTopics", "numberWords", "singularItemNouns", "itemNouns",
        "notTypos", "typoTargets",
    ];

    private Lexicon(JsonElement root, string name, IReadOnlyList<string> genres)
    {
        EnglishGenres = GenreGroups(root, "englishGenres", name, genres, english: true).ToFrozenDictionary(StringComparer.Ordinal);
        var chinese = new List<KeyValuePair<string, string[]>>(GenreGroups(root, "chineseGenres", name, genres, english: false));
        chinese.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
        ChineseGenres = chinese;
        EnglishTopics = new Dictionary<string, string>(Entries(root, "englishTopics", name, e => Text(e) is { } t ? (true, t) : (false, "")), StringComparer.Ordinal)
            .ToFrozenDictionary(StringComparer.Ordinal);
        ChineseTopics = Entries(root, "chineseTopics", name, e => Text(e) is { } t ? (true, t) : (false, ""));
        NumberWords = new Dictionary<string, int>(Entries(root, "numberWords", name, e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n > 0 ? (true, n) : (false, 0)), StringComparer.Ordinal)
            .ToFrozenDictionary(StringComparer.Ordinal);
        SingularItemNouns = Words(root, "singularItemNouns", name).ToFrozenSet(StringComparer.Ordinal);
        ItemNouns = Words(root, "itemNouns", name).ToFrozenSet(StringComparer.Ordinal);
        NotTypos = Words(root, "notTypos", name).ToFrozenSet(StringComparer.Ordinal);
        TypoTargets = Words(root, "typoTargets", name);
    }

    /// <summary>English genre words, keyed by their tokens joined without spaces, hyphens or apostrophes; an empty array shadows a phrase.</summary>
    public FrozenDictionary<string, string[]> EnglishGenres { get; }

    /// <summary>Chinese genre words, longest first.</summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> ChineseGenres { get; }

    /// <summary>English topic phrases mapped to the keyword they stand for.</summary>
    public FrozenDictionary<string, string> EnglishTopics { get; }

    /// <summary>Chinese topics mapped to the English keyword, in the file's order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ChineseTopics { get; }

    /// <summary>English number words.</summary>
    public FrozenDictionary<string, int> NumberWords { get; }

    /// <summary>Singular nouns naming one item.</summary>
    public FrozenSet<string> SingularItemNouns { get; }

    /// <summary>Nouns naming items, singular or plural.</summary>
    public FrozenSet<string> ItemNouns { get; }

    /// <summary>Words never corrected as typos.</summary>
    public FrozenSet<string> NotTypos { get; }

    /// <summary>Words a misspelling is corrected to, in the order they are tried.</summary>
    public IReadOnlyList<string> TypoTargets { get; }

    /// <summary>The lexicon the product ships with, its genres checked against <paramref name="genres"/>.</summary>
    /// <exception cref="VocabularyException">The embedded file is malformed.</exception>
    public static Lexicon LoadEmbedded(IReadOnlyList<string> genres) => Load(CueVocabulary.OpenEmbedded(FileName), FileName, genres);

    /// <summary>Reads a lexicon file whose genres must be among <paramref name="genres"/>; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="VocabularyException">
    /// The file is not valid JSON, lacks or adds a section, names an unknown genre, or holds an empty, padded, upper-case
    /// or repeated word; the message names the file and the line or the entry.
    /// </exception>
    public static Lexicon Load(Stream json, string name, IReadOnlyList<string> genres)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(genres);
        return VocabularyJson.Read(json, name, root =>
        {
            VocabularyJson.CheckSections(root, name, Sections, "sections");

            return new Lexicon(root, name, genres);
        });
    }

    private static List<KeyValuePair<string, string[]>> GenreGroups(JsonElement root, string section, string name, IReadOnlyList<string> known, bool english)
    {
        var groups = Section(root, section, "groups", JsonValueKind.Array, name);
        var result = new List<KeyValuePair<string, string[]>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var g = 0;
        foreach (var group in groups.EnumerateArray())
        {
            var where = $"'{section}.groups' group {g}";
            if (group.ValueKind != JsonValueKind.Object || !group.TryGetProperty("genres", out var names) || names.ValueKind != JsonValueKind.Array)
            {
                throw new VocabularyException($"{name}: {where} must have a 'genres' array.");
            }

            var genres = new List<string>();
            foreach (var genre in names.EnumerateArray())
            {
                genres.Add(Text(genre) is { } text && known.Contains(text, StringComparer.Ordinal)
                    ? text
                    : throw new VocabularyException($"{name}: {where} names {genre.GetRawText()}, not a catalog genre ({string.Join(", ", known)})."));
            }

            // One array per group, shared by its words, as the rules read it.
            var shared = genres.ToArray();
            foreach (var word in List(group, "words", where, name))
            {
                if (english && word.AsSpan().IndexOfAny(" -'") >= 0)
                {
                    throw new VocabularyException($"{name}: {where} word \"{word}\" must be written without spaces, hyphens or apostrophes.");
                }

                if (!seen.Add(word))
                {
                    throw new VocabularyException($"{name}: {where} word \"{word}\" is already in an earlier group.");
                }

                result.Add(new(word, shared));
            }

            g++;
        }

        return result.Count > 0 ? result : throw new VocabularyException($"{name}: '{section}.groups' is empty.");
    }

    private static List<KeyValuePair<string, T>> Entries<T>(JsonElement root, string section, string name, Func<JsonElement, (bool Valid, T Value)> read)
    {
        var entries = Section(root, section, "entries", JsonValueKind.Object, name);
        var result = new List<KeyValuePair<string, T>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.EnumerateObject())
        {
            var key = entry.Name;
            if (!IsWord(key) || !seen.Add(key))
            {
                throw new VocabularyException($"{name}: '{section}.entries' key \"{key}\" is empty, padded, upper-case or repeated.");
            }

            var (valid, value) = read(entry.Value);
            result.Add(valid ? new(key, value) : throw new VocabularyException($"{name}: '{section}.entries' \"{key}\" has an invalid value ({entry.Value.GetRawText()})."));
        }

        return result.Count > 0 ? result : throw new VocabularyException($"{name}: '{section}.entries' is empty.");
    }

    private static List<string> Words(JsonElement root, string section, string name) =>
        List(Section(root, section, null, JsonValueKind.Object, name), "words", $"'{section}.words'", name);

    private static List<string> List(JsonElement parent, string property, string where, string name)
    {
        if (!parent.TryGetProperty(property, out var values) || values.ValueKind != JsonValueKind.Array)
        {
            throw new VocabularyException($"{name}: {where} must have a '{property}' array of strings.");
        }

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            var text = Text(value);
            if (text is null || !IsWord(text) || !seen.Add(text))
            {
                throw new VocabularyException($"{name}: {where} entry {index} ({value.GetRawText()}) is empty, padded, upper-case or repeated.");
            }

            result.Add(text);
            index++;
        }

        return result.Count > 0 ? result : throw new VocabularyException($"{name}: {where} is empty.");
    }

    private static JsonElement Section(JsonElement root, string section, string? property, JsonValueKind kind, string name)
    {
        if (!root.TryGetProperty(section, out var s) || s.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: section '{section}' is missing.");
        }

        if (property is null)
        {
            return s;
        }

        return s.TryGetProperty(property, out var value) && value.ValueKind == kind
            ? value
            : throw new VocabularyException($"{name}: '{section}.{property}' must be {(kind == JsonValueKind.Array ? "an array" : "an object")}.");
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The parser compares lower-case tokens exactly: a padded or capitalised word would never match.
    private static bool IsWord(string text) =>
        text.Length > 0 && text.Trim() == text && text.Equals(text.ToLowerInvariant(), StringComparison.Ordinal);
}
