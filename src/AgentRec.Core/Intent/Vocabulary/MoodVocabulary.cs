using AgentRec.Core.Catalog;

namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>One mood, occasion, style or book kind, and the catalog terms it stands for.</summary>
/// <param name="Phrases">How people say it, in English and Chinese.</param>
/// <param name="Genres">MovieLens genres it requires.</param>
/// <param name="ExcludeGenres">MovieLens genres it rules out.</param>
/// <param name="Keywords">Catalog tags (MovieLens user tags, goodbooks tags) it prefers.</param>
/// <param name="Domain">The domain it implies when the request names none.</param>
public sealed record MoodEntry(
    IReadOnlyList<string> Phrases, IReadOnlyList<string> Genres, IReadOnlyList<string> ExcludeGenres, IReadOnlyList<string> Keywords, string? Domain)
{
    /// <summary>The goodbooks tags it prefers when books are asked for, where readers shelve the mood under other words ("inspirational" for uplifting); empty: <see cref="Keywords"/>.</summary>
    public IReadOnlyList<string> BookKeywords { get; init; } = [];

    /// <summary>
    /// True when it describes how a work feels ("dark", "uplifting"): its keywords are carried by tags only, never by a
    /// title's words (a request for something dark is no request for The Dark Tower).
    /// </summary>
    public bool Feeling { get; init; }

    /// <summary>The tags it prefers for <paramref name="domain"/>.</summary>
    public IReadOnlyList<string> KeywordsFor(string? domain) => domain == IntentDomains.Book && BookKeywords.Count > 0 ? BookKeywords : Keywords;
}

/// <summary>
/// Moods, occasions, styles and book kinds kept as data (Intent/Vocabulary/moods.json, embedded), each mapped to the
/// catalog's own terms: "a tearjerker" requires Drama and prefers the tag "emotional"; 治愈系 rules out Horror and War.
/// </summary>
public sealed partial class MoodVocabulary
{
    /// <summary>The embedded file's name, as errors name it.</summary>
    public const string FileName = "moods.json";

    private static readonly Lazy<MoodVocabulary> Embedded = new(() => Load(CueVocabulary.OpenEmbedded(FileName), FileName));

    private readonly List<(MoodEntry Entry, Regex Pattern)> _entries;

    private readonly HashSet<string> _feelingWords;

    private readonly Regex _negationBefore;

    private MoodVocabulary(List<MoodEntry> entries, IReadOnlyList<string> englishNegations, IReadOnlyList<string> chineseNegations)
    {
        _negationBefore = new Regex(
            @"(?:\b(?:" + Alternation(englishNegations) + @")\s+(?:[\w']+\s+){0,3}|(?:" + Alternation(chineseNegations)
                + @"|(?<![特区分性告类级个识差])别(?!的))[^，。,.!！?？、\s]{0,8}|(?<![有要])不|(?<!有)没有)$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        Entries = entries;
        _entries = entries.ConvertAll(e => (e, CueVocabulary.PhrasePattern(e.Phrases)));
        _feelingWords = new HashSet<string>(
            entries.Where(e => e.Feeling).SelectMany(e => e.Keywords.Concat(e.BookKeywords)).Select(k => k.Replace('-', ' ')),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when <paramref name="keyword"/> (hyphens as spaces or not) is a keyword of a feeling (<see cref="MoodEntry.Feeling"/>).</summary>
    public bool IsFeeling(string keyword) => _feelingWords.Contains(keyword.Replace('-', ' '));

    /// <summary>The vocabulary the product ships with; loaded once, checked at start-up.</summary>
    public static MoodVocabulary Default => Embedded.Value;

    /// <summary>Every entry, in file order.</summary>
    public IReadOnlyList<MoodEntry> Entries { get; }

    /// <summary>
    /// Adds the catalog terms of every mood <paramref name="text"/> names: required genres (unless excluded), keywords,
    /// and the domain when none was said. A negated mood ("nothing too dark", 不要太压抑) rules its genres out instead:
    /// that exclusion is the user's. The genres a mood only implies leaving out are not (see <see cref="ImpliedExclusions"/>).
    /// <paramref name="carried"/> is the conversation's kind where the message names none: a mood said of books takes
    /// their shelves' words, and never the genre Drama, which on the book shelf means plays.
    /// </summary>
    public void Apply(string text, List<string> genres, List<string> excludes, List<string> keywords, ref string? domain, string? carried = null, List<string>? avoided = null)
    {
        foreach (var (entry, pattern) in _entries)
        {
            var match = pattern.Match(text);
            if (!match.Success)
            {
                continue;
            }

            if (Negated(text, match.Index) || RefusedAfter(text, match))
            {
                foreach (var g in entry.Genres)
                {
                    AddDistinct(excludes, g, unless: genres);
                }

                // "History books, not historical fiction", 别给我历史小说: a shelf with no genre of its own is ruled out by its topics.
                if (avoided is not null && entry.Genres.Count == 0)
                {
                    foreach (var k in entry.KeywordsFor(domain ?? entry.Domain ?? carried))
                    {
                        AddDistinct(avoided, k, unless: null);
                    }
                }

                continue;
            }

            var kind = domain ?? entry.Domain ?? carried;
            foreach (var g in entry.Genres)
            {
                if (!(kind == IntentDomains.Book && g == "Drama"))
                {
                    AddDistinct(genres, g, unless: excludes);
                }
            }

            foreach (var k in entry.KeywordsFor(kind))
            {
                AddDistinct(keywords, k, unless: null);
            }

            domain ??= entry.Domain;
        }
    }

    /// <summary>
    /// The genres the moods <paramref name="text"/> names would rather leave out (治愈系: no Horror or War): a preference
    /// the answer honours while enough items allow, not a hard constraint of the user's. A mood said in an earlier turn
    /// is known by its keywords, which the conversation's intent carries (<paramref name="keywords"/>).
    /// </summary>
    public HashSet<string> ImpliedExclusions(string text, IReadOnlyList<string>? keywords = null)
    {
        var genres = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entry, pattern) in _entries)
        {
            if (entry.ExcludeGenres.Count == 0)
            {
                continue;
            }

            var carried = keywords is not null && ((entry.Keywords.Count > 0 && entry.Keywords.All(k => keywords.Contains(k, StringComparer.OrdinalIgnoreCase)))
                || (entry.BookKeywords.Count > 0 && entry.BookKeywords.All(k => keywords.Contains(k, StringComparer.OrdinalIgnoreCase))));
            if (carried || (pattern.Match(text) is { Success: true } match && !Negated(text, match.Index) && !RefusedAfter(text, match)))
            {
                genres.UnionWith(entry.ExcludeGenres);
            }
        }

        return genres;
    }

    /// <summary>The keywords no catalog item carries as a tag (a start-up check: they would match nothing).</summary>
    public IReadOnlyList<string> MissingKeywords(IEnumerable<CatalogItem> items)
    {
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            tags.UnionWith(item.Tags);
        }

        return Entries.SelectMany(e => e.Keywords.Concat(e.BookKeywords)).Distinct(StringComparer.OrdinalIgnoreCase).Where(k => !tags.Contains(k)).ToList();
    }

    /// <summary>Reads a mood file; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="VocabularyException">The file is malformed; the message names file and line or entry.</exception>
    public static MoodVocabulary Load(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("moods", out var moods) || moods.ValueKind != JsonValueKind.Array)
            {
                throw new VocabularyException($"{name}: 'moods' must be an array.");
            }

            var entries = new List<MoodEntry>();
            var i = 0;
            foreach (var m in moods.EnumerateArray())
            {
                var where = $"{name}: moods[{i++}]";
                var phrases = Strings(m, "phrases", where);
                if (phrases.Count == 0)
                {
                    throw new VocabularyException($"{where}: 'phrases' is empty.");
                }

                var domain = m.TryGetProperty("domain", out var d) ? d.GetString() : null;
                if (domain is not null && domain is not (IntentDomains.Movie or IntentDomains.Book))
                {
                    throw new VocabularyException($"{where}: domain '{domain}' is not movie or book.");
                }

                var genres = Strings(m, "genres", where);
                var excludes = Strings(m, "excludeGenres", where);
                foreach (var g in genres.Concat(excludes))
                {
                    if (!IntentLexicon.Genres.Contains(g, StringComparer.Ordinal))
                    {
                        throw new VocabularyException($"{where}: '{g}' is not a MovieLens genre.");
                    }
                }

                entries.Add(new MoodEntry(phrases, genres, excludes, Strings(m, "keywords", where), domain) { BookKeywords = Strings(m, "bookKeywords", where), Feeling = Flag(m, "feeling", where) });
            }

            if (!document.RootElement.TryGetProperty("negation", out var negation) || negation.ValueKind != JsonValueKind.Object)
            {
                throw new VocabularyException($"{name}: 'negation' must be an object with 'english' and 'chinese' word lists.");
            }

            var english = Strings(negation, "english", $"{name}: negation");
            var chinese = Strings(negation, "chinese", $"{name}: negation");
            if (english.Count == 0 || chinese.Count == 0)
            {
                throw new VocabularyException($"{name}: 'negation.english' and 'negation.chinese' must not be empty.");
            }

            return new MoodVocabulary(entries, english, chinese);
        }
        catch (JsonException ex)
        {
            throw new VocabularyException($"{name} line {(ex.LineNumber ?? 0) + 1}: {ex.Message}", ex);
        }
    }

    private static bool Flag(JsonElement entry, string property, string where) =>
        entry.TryGetProperty(property, out var value)
        && (value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new VocabularyException($"{where}: '{property}' must be true or false."));

    private static List<string> Strings(JsonElement entry, string property, string where) => VocabularyJson.Strings(entry, property, where);

    private static void AddDistinct(List<string> list, string value, List<string>? unless)
    {
        if (!list.Contains(value, StringComparer.OrdinalIgnoreCase) && (unless is null || !unless.Contains(value, StringComparer.OrdinalIgnoreCase)))
        {
            list.Add(value);
        }
    }

    // The last mood phrase that ends before position at, as (start, end); (-1, 0) when none.
    private (int Start, int End) PhraseBefore(string text, int at)
    {
        var (start, end) = (-1, 0);
        foreach (var (_, pattern) in _entries)
        {
            for (var m = pattern.Match(text); m.Success && m.Index < at; m = m.NextMatch())
            {
                if (m.Index + m.Length <= at && m.Index + m.Length > end)
                {
                    (start, end) = (m.Index, m.Index + m.Length);
                }
            }
        }

        return (start, end);
    }

    // "no", "not", "nothing", "without", 不要, 别, 不 shortly before the phrase, after any mood phrase before it: a
    // negation before that phrase is its own ("not too scary for kids" rules out scary, not kids), unless only "or" or
    // "and" joins the two ("nothing too dark or scary").
    // "有没有治愈系的" and "要不要" ask; they rule nothing out; 特别 (very) and 区别 (difference) are no 别 (don't).
    private bool Negated(string text, int at)
    {
        var (before, end) = PhraseBefore(text, at);
        if (before >= 0 && Joiner().IsMatch(text.AsSpan(end, at - end)))
        {
            return Negated(text, before);
        }

        // "not the super serious gritty ones", "nothing that'll make me bawl": up to three words between the negation and the mood.
        var start = Math.Max(end, at - 28);
        return _negationBefore.IsMatch(text.AsSpan(start, at - start));
    }

    private static string Alternation(IReadOnlyList<string> words) => string.Join('|', words.OrderByDescending(w => w.Length).Select(Regex.Escape));

    // "漫画就不要了", "恐怖的就算了": a Chinese refusal right after the phrase.
    private static bool RefusedAfter(string text, Match match) =>
        Rules.ChineseGenreRule.ChineseNegationAfter().IsMatch(text.AsSpan(match.Index + match.Length));

    [GeneratedRegex(@"^\s*(?:,|/|、|，|or|and|nor|或|或者|和|也)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Joiner();
}
