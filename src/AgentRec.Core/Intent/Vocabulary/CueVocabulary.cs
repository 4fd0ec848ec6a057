using AgentRec.Core.Catalog;
using static AgentRec.Core.Intent.Vocabulary.CueSections;

namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>A vocabulary file that cannot be used; the message names the file and, where known, the line.</summary>
public sealed class VocabularyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Request cues kept as data (Intent/Vocabulary/cues.json, embedded): phrases asking for the less known, filler words
/// that are never topics or title evidence, title markers of editions and companions, asks for a whole series, and saying a work is finished.
/// </summary>
public sealed partial class CueVocabulary
{
    /// <summary>The embedded file's name, as errors name it.</summary>
    public const string FileName = "cues.json";

    private static readonly Lazy<CueVocabulary> Embedded = new(() => Load(OpenEmbedded(FileName), FileName));

    private readonly Regex _hiddenGems;
    private readonly Regex _wholeSeries;
    private readonly Regex _finished;
    private readonly string[] _editionMarkers;
    private readonly Regex _book;
    private readonly Regex _movie;
    private readonly Regex _notBook;
    private readonly Regex _notMovie;
    private readonly Regex _others;
    private readonly Regex _leavesOutNamed;
    private readonly Regex _leaveOut;
    private readonly Regex _leaveOutAtEnd;
    private readonly string[][] _leaveOutWords;
    private readonly Regex _leansBook;

    private readonly Regex _leansMovie;
    private readonly Regex _seriesMembers;
    private readonly Regex _likeness;
    private readonly Regex _newer;
    private readonly Regex _older;
    private readonly Regex _comicsAsked;

    private readonly Regex _comicsRefused;
    private readonly FrozenSet<string> _comicsTags;
    private readonly int _comicsTopTags;
    private readonly FrozenSet<string> _bookForms;

    private CueVocabulary(
        IReadOnlyList<string> hiddenGems, IReadOnlyList<string> filler, IReadOnlyList<string> editions, IReadOnlyList<string> series,
        IReadOnlyList<string> finished, DomainWords domains, OthersWords others, IReadOnlyList<string> newer, IReadOnlyList<string> older,
        IReadOnlyList<string> tone, IReadOnlyList<string> seriesMembers, IReadOnlyList<string> likeness, ComicsWords comics, IReadOnlyList<string> bookForms)
    {
        _bookForms = bookForms.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _comicsAsked = PhrasePattern(comics.Phrases);
        _comicsRefused = new Regex(
            @"(?<![\p{L}])(?:" + string.Join('|', comics.Refusals.OrderByDescending(p => p.Length).Select(Regex.Escape)) + @")\s*(?:the\s+|any\s+|his\s+|her\s+)?(?:"
                + string.Join('|', comics.Phrases.OrderByDescending(p => p.Length).Select(Regex.Escape)) + ")"
                + (comics.RefusalsAfter.Count == 0 ? "" : "|(?:" + string.Join('|', comics.Phrases.OrderByDescending(p => p.Length).Select(Regex.Escape)) + @")(?:的)?\s*(?:"
                    + string.Join('|', comics.RefusalsAfter.OrderByDescending(p => p.Length).Select(Regex.Escape)) + ")"),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _comicsTags = comics.Tags.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _comicsTopTags = comics.TopTags;
        _seriesMembers = PhrasePattern(seriesMembers);
        _likeness = PhrasePattern(likeness);
        ToneGenres = tone.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _others = PhrasePattern(others.Phrases);
        _leavesOutNamed = LeaveOutPattern(others.LeaveOut, others.Pointers);
        _leaveOut = PhrasePattern(others.LeaveOut);
        _leaveOutAtEnd = new Regex("(?:" + _leaveOut.ToString() + @")\s*《?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _leaveOutWords = [.. others.LeaveOut.Where(p => p.All(c => c < 0x2E80)).Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)).OrderByDescending(w => w.Length)];
        _newer = PhrasePattern(newer);
        _older = PhrasePattern(older);
        _book = PhrasePattern(domains.Book);
        _movie = PhrasePattern(domains.Movie);
        _notBook = PhrasePattern(domains.NotBook);
        _notMovie = PhrasePattern(domains.NotMovie);
        _leansBook = PhrasePattern(domains.LeansBook);
        _leansMovie = PhrasePattern(domains.LeansMovie);
        _finished = PhrasePattern(finished);
        _hiddenGems = PhrasePattern(hiddenGems);
        _wholeSeries = PhrasePattern(series);
        Filler = filler.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _editionMarkers = [.. editions];
    }

    /// <summary>The vocabulary the product ships with; loaded once, checked at start-up.</summary>
    /// <exception cref="VocabularyException">The embedded file is malformed.</exception>
    public static CueVocabulary Default => Embedded.Value;

    /// <summary>Movie genres that set a film's tone: a film like an anchor adds none the anchor lacks.</summary>
    public FrozenSet<string> ToneGenres { get; }

    /// <summary>Words of chat framing that are never topics or title evidence.</summary>
    public FrozenSet<string> Filler { get; }

    /// <summary>True when <paramref name="message"/> asks for the less known ("hidden gems", 冷门).</summary>
    public bool AsksForHiddenGems(string message) => _hiddenGems.IsMatch(message);

    /// <summary>True when <paramref name="message"/> asks for a whole series or its sequels.</summary>
    public bool AsksForWholeSeries(string message) => _wholeSeries.IsMatch(message);

    /// <summary>True when <paramref name="message"/> says the user is done with the work it names ("just finished X").</summary>
    public bool SaysFinished(string message) => _finished.IsMatch(message);

    /// <summary>
    /// The kinds of item <paramref name="message"/> names: books, movies, and kinds it turns down ("懒得看书", "not a
    /// movie this time"); a kind turned down is not asked for.
    /// </summary>
    public DomainCues DomainsIn(string message)
    {
        var notBook = _notBook.IsMatch(message);
        var notMovie = _notMovie.IsMatch(message);
        return new DomainCues(!notBook && _book.IsMatch(message), !notMovie && _movie.IsMatch(message), notBook, notMovie);
    }

    /// <summary>
    /// The kind <paramref name="message"/> leans to by what people say of one kind more than the other: books for "just
    /// finished X" or "a series to sink into", films for 刷完 (binge-watched); taken only when nothing else (a kind named,
    /// the conversation's kind) says which. Null when it leans to neither, or to both.
    /// </summary>
    public string? LeaningDomain(string message)
    {
        var book = _leansBook.IsMatch(message);
        return book == _leansMovie.IsMatch(message) ? null : book ? IntentDomains.Book : IntentDomains.Movie;
    }

    /// <summary>
    /// True when <paramref name="message"/> asks which works make up a series, or their order, and asks for nothing like
    /// them ("哈利·波特系列全套是哪几本", "what order should I watch them in").
    /// </summary>
    public bool AsksForSeriesMembers(string message) =>
        _seriesMembers.IsMatch(message) && (!_likeness.IsMatch(message) || NextInSeries.Phrases.IsMatch(message));

    /// <summary>
    /// True when a follow-up asks for titles not shown yet ("anything else?", 换一批). Words that leave out titles the
    /// message names ("other than Spirited Away", "除了千与千寻") ask only for those to go, not the whole previous answer;
    /// pointing at the answer ("anything other than these?") still asks for new titles.
    /// </summary>
    public bool AsksForOthers(string message) => _others.IsMatch(_leavesOutNamed.Replace(message, " "));

    /// <summary>
    /// True when <paramref name="message"/> asks for the work that follows the named one in its series ("finished the
    /// first Mistborn book, which one next?", "下一本是哪本").
    /// </summary>
    public bool AsksForNextInSeries(string message) =>
        NextInSeries.Phrases.IsMatch(message) || (NextInSeries.First.IsMatch(FirstTime().Replace(message, " ")) && NextInSeries.Next.IsMatch(message))
        || AsksForTheOneAfterTheAnswer(message);

    // "Watched alien for the first time": a first time is no first work; nor are "the first three" of a series.
    [GeneratedRegex(@"\bfirst\s+(?:time|two|three|four|five|six|seven|few|couple|\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstTime();

    /// <summary>
    /// True when a follow-up asks for the work after the one just given ("and after that?", 下一本呢): the answer's first
    /// item is the one it follows.
    /// </summary>
    public bool AsksForTheOneAfterTheAnswer(string message) => NextInSeries.AfterAnswer.IsMatch(message);

    /// <summary>
    /// True when <paramref name="message"/> asks for the next work of a series as one work ("which one do I read next?",
    /// 下一本是哪本): the answer is that work alone unless a count is said.
    /// </summary>
    public bool AsksForTheNextOne(string message) => AsksForNextInSeries(message) && NextInSeries.One.IsMatch(message);

    private NextInSeriesWords NextInSeries { get; init; } = null!;

    /// <summary>True when <paramref name="message"/> asks for works for grown-ups rather than teenagers ("something more adult", 成人向的).</summary>
    public bool AsksForAdults(string message) => ForAdults.IsMatch(message);

    /// <summary>True when <paramref name="message"/> names a time the children are not there ("after the kids go to bed", 孩子睡了以后).</summary>
    public bool SaysKidsAway(string message) => KidsAway.IsMatch(message);

    private Regex KidsAway { get; init; } = null!;

    private Regex ForAdults { get; init; } = null!;

    /// <summary>
    /// The kind of item (<see cref="IntentDomains"/>) <paramref name="message"/> asks for as the other form of a work it
    /// names: the book a film was made from ("want to read the book it's based on", 原著) or the film made of a book
    /// ("is there a movie version?", 改编的电影); null when it asks for neither.
    /// </summary>
    public string? AdaptationAsked(string message)
    {
        var book = Adaptation.ToBook.IsMatch(message);
        return book == Adaptation.ToMovie.IsMatch(message) ? null : book ? IntentDomains.Book : IntentDomains.Movie;
    }

    private AdaptationWords Adaptation { get; init; } = null!;

    /// <summary>True when <paramref name="message"/> asks for the works of the author of the book just given ("what else did that author write?").</summary>
    public bool AsksForTheAuthor(string message) => TheAuthor.IsMatch(message) && !OtherAuthors.IsMatch(message);

    private Regex TheAuthor { get; init; } = null!;

    /// <summary>True when <paramref name="message"/> offers another answer should the person or title named not be there ("or similar ones if not", 没有的话推荐类似的也行).</summary>
    public bool OffersFallback(string message) => FallbackOffered.IsMatch(message);

    private Regex FallbackOffered { get; init; } = null!;

    /// <summary>The words for a series' works that, right after its name, ask for the series itself ("the poirot books", 基地系列).</summary>
    public IReadOnlyList<string> SeriesKinds => SeriesAnswer.Kinds;

    /// <summary>True when <paramref name="word"/> ends many series' names ("chronicles", "saga") and names none alone.</summary>
    public bool IsGenericSeriesWord(string word) => SeriesAnswer.Generic.Contains(word);

    /// <summary>True when <paramref name="message"/> asks for something like a series it names, or for others ("loved the foundation books, what next?").</summary>
    public bool AsksBeyondSeries(string message) => SeriesAnswer.Against.IsMatch(SeriesAnswer.Polite.Replace(message, " "));

    /// <summary>
    /// True when the message word <paramref name="token"/> turns down a series named a few words after it: an English
    /// word whole ("no", "skip"), a Chinese run ending with one (不要, 除了).
    /// </summary>
    public bool RefusesSeries(string token) =>
        token.Length > 0 && SeriesAnswer.Refusals.Any(r => IsChinese(token) == IsChinese(r)
            && (IsChinese(r) ? token.EndsWith(r, StringComparison.Ordinal) : string.Equals(token, r, StringComparison.Ordinal)));

    /// <summary>True when the message word <paramref name="token"/> says liking, so a refusal before it reaches no series after it.</summary>
    public bool EndsSeriesRefusal(string token) => SeriesAnswer.RefusalEnds.Contains(token);

    // Chinese words are matched as the end of a run of Chinese characters (the tokenizer does not split them).
    private static bool IsChinese(string word) => word[0] >= 0x2E80;

    private SeriesAnswerWords SeriesAnswer { get; init; } = null!;

    /// <summary>The position in the previous answer <paramref name="message"/> points at ("the second one" → 2, 第三部 → 3, "#4" → 4, "the last one" → -1), or null.</summary>
    public int? PointsAtPosition(string message) => Positions.Find(message);

    /// <summary>True when <paramref name="message"/> points at one item without a position ("more like that one", 像这部的).</summary>
    public bool PointsAtTheOne(string message) => Positions.PointsAtTheOne(message);

    private PositionWords Positions { get; init; } = null!;

    /// <summary>True when <paramref name="message"/> asks what a work is about ("what's the second one about?", 第二部讲什么).</summary>
    public bool AsksWhatItIsAbout(string message) => AboutQuestions.Asks(message);

    private AboutQuestionWords AboutQuestions { get; init; } = null!;

    /// <summary>How many years back from now <paramref name="message"/> asks for ("the last 10 years" → 10, 近五年 → 5), or null.</summary>
    public int? YearsBack(string message) => RecentYears.Span(message);

    private RecentYearsWords RecentYears { get; init; } = null!;

    /// <summary>True when the intent keyword <paramref name="keyword"/> asks for works that stand alone ("standalone"): a property of a work, not a tag to match.</summary>
    public bool IsStandaloneKeyword(string keyword) => Standalone.Contains(keyword);

    private FrozenSet<string> Standalone { get; init; } = FrozenSet<string>.Empty;

    /// <summary>
    /// The tags of neighbouring shelves that are not what a request for <paramref name="topics"/> asks for ("history":
    /// biographies, memoirs), less those it asks for too; empty when none of the topics has neighbours.
    /// </summary>
    public HashSet<string> OtherShelves(IReadOnlyList<string> topics)
    {
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var topic in topics)
        {
            if (Shelves.Topics.TryGetValue(topic, out var others))
            {
                tags.UnionWith(others);
            }
        }

        tags.ExceptWith(topics);
        return tags;
    }

    /// <summary>True when one of the first readers' tags of a book (<paramref name="tags"/>) is one of <paramref name="shelves"/>.</summary>
    public bool OnOtherShelf(IReadOnlyList<string> tags, HashSet<string> shelves) =>
        shelves.Count > 0 && tags.Take(Shelves.TopTags).Any(shelves.Contains);

    private ShelfWords Shelves { get; init; } = null!;

    /// <summary>True when <paramref name="message"/> asks for works of the time of the titles it names ("dracula era", 福尔摩斯那个年代的); "era 1" is a part of a series.</summary>
    public bool AsksForEra(string message)
    {
        // "Mistborn era 1" names a part of a series, not a time.
        foreach (Match m in Era.Matches(message))
        {
            var rest = message.AsSpan(m.Index + m.Length).TrimStart();
            if (rest.IsEmpty || !char.IsDigit(rest[0]))
            {
                return true;
            }
        }

        return false;
    }

    private Regex Era { get; init; } = null!;

    /// <summary>True when <paramref name="message"/> asks for works by others than the named works' authors ("but by other authors", 换个作者).</summary>
    public bool AsksForOtherAuthors(string message) => OtherAuthors.IsMatch(message);

    private Regex OtherAuthors { get; init; } = null!;

    /// <summary>True when <paramref name="message"/> keeps to the answer before it ("from that list", "among those", 这些里).</summary>
    public bool PointsAtPreviousList(string message) => PreviousList.IsMatch(message);

    private Regex PreviousList { get; init; } = null!;

    /// <summary>True when <paramref name="message"/> holds words that leave out what follows them ("besides", 除了).</summary>
    public bool LeavesOut(string message) => _leaveOut.IsMatch(message);

    /// <summary>True when <paramref name="text"/> ends with words that leave out the name after them ("…别推", "除了《").</summary>
    public bool EndsWithLeaveOut(string text) => _leaveOutAtEnd.IsMatch(text);

    /// <summary>
    /// The number of words of a leave-out phrase ("other than", "besides") that the words from <paramref name="at"/> on
    /// begin with (<paramref name="wordAt"/> gives the lower-case word at an index, "" past the end); 0 when none.
    /// </summary>
    public int LeaveOutWordsAt(Func<int, string> wordAt, int at)
    {
        ArgumentNullException.ThrowIfNull(wordAt);
        foreach (var phrase in _leaveOutWords)
        {
            var k = 0;
            while (k < phrase.Length && string.Equals(phrase[k], wordAt(at + k), StringComparison.OrdinalIgnoreCase))
            {
                k++;
            }

            if (k == phrase.Length)
            {
                return k;
            }
        }

        return 0;
    }

    /// <summary>The direction a follow-up moves in time: +1 newer ("something more recent"), -1 older ("go further back"), 0 neither.</summary>
    public int TimeShift(string message)
    {
        var newer = _newer.IsMatch(message);
        var older = _older.IsMatch(message);
        return newer == older ? 0 : newer ? 1 : -1;
    }

    /// <summary>True when <paramref name="title"/> names an edition, box set, companion, guide or summary of another work.</summary>
    public bool IsEdition(string title)
    {
        if (ContainsAny(title, _editionMarkers))
        {
            return true;
        }

        // "The Great Dune Trilogy" collects a series; "Assassin's Apprentice (Farseer Trilogy, #1)" is one book of it.
        var open = title.IndexOf('(');
        var words = new TextTokens.Tokenizer(title.AsSpan(0, open >= 0 ? open : title.Length), stackalloc char[TextTokens.Tokenizer.BufferLength]);
        var collected = CollectedWorks.GetAlternateLookup<ReadOnlySpan<char>>();
        while (words.MoveNext())
        {
            if (collected.Contains(words.Current))
            {
                return true;
            }
        }

        return false;
    }

    private FrozenSet<string> CollectedWorks { get; init; } = FrozenSet<string>.Empty;

    /// <summary>True when a book's <paramref name="title"/> says it is part of something larger (a volume, a numbered book, a collection).</summary>
    public bool TitleSaysPartOfMore(string title) => ContainsAny(title, StandaloneTitleMarkers);

    private static bool ContainsAny(string title, string[] markers)
    {
        foreach (var marker in markers)
        {
            if (title.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private string[] StandaloneTitleMarkers { get; init; } = [];

    /// <summary>True when <paramref name="topic"/> is a form of book (cookbooks, poetry, short stories), not a subject.</summary>
    public bool IsBookForm(string topic) => _bookForms.Contains(topic);

    /// <summary>True when <paramref name="message"/> asks for books told in pictures (graphic novels, manga, 漫画), and does not turn them down.</summary>
    public bool AsksForComics(string message) => _comicsAsked.IsMatch(message) && !RefusesComics(message);

    /// <summary>True when <paramref name="message"/> turns books told in pictures down ("not the comics", 不要漫画): none answers, whoever is named.</summary>
    public bool RefusesComics(string message) => _comicsRefused.IsMatch(message);

    /// <summary>
    /// True when a book's first tags (its readers' most applied shelves, best first) say it is told in pictures: a comic,
    /// manga or graphic novel.
    /// </summary>
    public bool IsComics(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        for (var i = 0; i < tags.Count && i < _comicsTopTags; i++)
        {
            if (_comicsTags.Contains(tags[i]))
            {
                return true;
            }
        }

        return false;
    }

    // A list of catalog genre names; any other name is an error naming the file and section.
    private static IReadOnlyList<string> Genres(JsonElement root, string section, string name)
    {
        var genres = Strings(root, section, "genres", name);
        foreach (var g in genres)
        {
            if (!IntentGenres.All.Contains(g, StringComparer.Ordinal))
            {
                throw new VocabularyException($"{name}: {section}.genres names '{g}', which is no catalog genre");
            }
        }

        return genres;
    }

    /// <summary>Reads a cue file; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="VocabularyException">The file is not valid JSON or lacks a list; the message names file and line.</exception>
    public static CueVocabulary Load(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        return VocabularyJson.Read(json, name, root =>
        {
            return new CueVocabulary(
                Strings(root, "hiddenGems", "phrases", name),
                Strings(root, "filler", "words", name),
                Strings(root, "editions", "markers", name),
                Strings(root, "series", "phrases", name),
                Strings(root, "finished", "phrases", name),
                new DomainWords(
                    Strings(root, "domains", "book", name),
                    Strings(root, "domains", "movie", name),
                    Strings(root, "domains", "notBook", name),
                    Strings(root, "domains", "notMovie", name),
                    Strings(root, "domains", "leansBook", name),
                    Strings(root, "domains", "leansMovie", name)),
                new OthersWords(Strings(root, "others", "phrases", name), Strings(root, "others", "leaveOut", name), Strings(root, "others", "pointers", name)),
                Strings(root, "shifts", "newer", name),
                Strings(root, "shifts", "older", name),
                Genres(root, "tone", name),
                Strings(root, "seriesMembers", "phrases", name),
                Strings(root, "seriesMembers", "likeness", name),
                new ComicsWords(Strings(root, "comics", "tags", name), Strings(root, "comics", "phrases", name), Count(root, "comics", "topTags", name))
                {
                    Refusals = Strings(root, "comics", "refusals", name),
                    RefusalsAfter = Strings(root, "comics", "refusalsAfter", name),
                },
                Strings(root, "bookForms", "topics", name))
            {
                NextInSeries = new NextInSeriesWords(
                    PhrasePattern(Strings(root, "nextInSeries", "phrases", name)),
                    PhrasePattern(Strings(root, "nextInSeries", "first", name)),
                    PhrasePattern(Strings(root, "nextInSeries", "next", name)),
                    PhrasePattern(Strings(root, "nextInSeries", "one", name)),
                    PhrasePattern(Strings(root, "nextInSeries", "afterAnswer", name))),
                ForAdults = PhrasePattern(Strings(root, "forAdults", "phrases", name)),
                KidsAway = PhrasePattern(Strings(root, "forAdults", "kidsAway", name)),
                TheAuthor = PhrasePattern(Strings(root, "theAuthor", "phrases", name)),
                OtherAuthors = PhrasePattern(Strings(root, "theAuthor", "others", name)),
                FallbackOffered = PhrasePattern(Strings(root, "fallbackOffered", "phrases", name)),
                Shelves = new ShelfWords(Count(root, "otherShelves", "topTags", name), Lists(root, "otherShelves", "topics", name)),
                SeriesAnswer = new SeriesAnswerWords(
                    Strings(root, "seriesAsAnswer", "kinds", name),
                    Strings(root, "seriesAsAnswer", "generic", name).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
                    PhrasePattern(Strings(root, "seriesAsAnswer", "polite", name)),
                    PhrasePattern(Strings(root, "seriesAsAnswer", "against", name)))
                {
                    Refusals = Strings(root, "seriesAsAnswer", "refusals", name),
                    RefusalEnds = Strings(root, "seriesAsAnswer", "refusalEnds", name).ToFrozenSet(StringComparer.Ordinal),
                },
                Adaptation = new AdaptationWords(PhrasePattern(Strings(root, "adaptation", "toBook", name)), PhrasePattern(Strings(root, "adaptation", "toMovie", name))),
                Era = PhrasePattern(Strings(root, "era", "phrases", name)),
                PreviousList = PhrasePattern(Strings(root, "previousList", "phrases", name).Concat(
                    from before in Strings(root, "previousList", "before", name)
                    from pointer in Strings(root, "previousList", "pointers", name)
                    from noun in Strings(root, "previousList", "nouns", name)
                    select $"{before} {pointer} {noun}")),
                Positions = PositionWords.Read(root, name),
                AboutQuestions = AboutQuestionWords.Read(root, name),
                RecentYears = RecentYearsWords.Read(root, name),
                Standalone = Strings(root, "standalone", "keywords", name).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
                StandaloneTitleMarkers = [.. Strings(root, "standalone", "titleMarkers", name)],
                CollectedWorks = Strings(root, "editions", "collectedBeforeSeries", name).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            };
        });
    }

    /// <summary>An embedded vocabulary file.</summary>
    internal static Stream OpenEmbedded(string fileName) =>
        typeof(CueVocabulary).Assembly.GetManifestResourceStream("AgentRec.Vocabulary." + fileName)
        ?? throw new VocabularyException($"{fileName}: not embedded in {typeof(CueVocabulary).Assembly.GetName().Name}.");

    // A leave-out phrase with the names after it, up to the end of the clause, unless what follows points at the answer.
    private static Regex LeaveOutPattern(IReadOnlyList<string> leaveOut, IReadOnlyList<string> pointers) => new(
        "(?:" + PhrasePattern(leaveOut).ToString() + @")(?>\s*)(?!(?:" + PhrasePattern(pointers).ToString() + @"))[^,.;!?，。；！？、]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>
    /// One pattern for a list of phrases: whole words for Latin phrases (so "underrated" is not found inside another
    /// word), plain substrings for Chinese.
    /// </summary>
    internal static Regex PhrasePattern(IEnumerable<string> phrases) => new(
        string.Join('|', phrases.OrderByDescending(p => p.Length).Select(p =>
            p.Any(c => c < 0x2E80) ? @"(?<![\p{L}\p{N}])" + Regex.Escape(p) + @"(?![\p{L}\p{N}])" : Regex.Escape(p))),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
}

/// <summary>The neighbouring shelves of book topics (<see cref="CueVocabulary.OtherShelves"/>).</summary>
internal sealed record ShelfWords(int TopTags, FrozenDictionary<string, string[]> Topics);

/// <summary>The words that make a series named the answer (<see cref="CueVocabulary.SeriesKinds"/>).</summary>
internal sealed record SeriesAnswerWords(IReadOnlyList<string> Kinds, FrozenSet<string> Generic, Regex Polite, Regex Against)
{
    /// <summary>Words a few words before a series' name that turn it down ("no harry potter", 不要哈利波特).</summary>
    public IReadOnlyList<string> Refusals { get; init; } = [];

    /// <summary>Words of liking that end a refusal's reach ("not too scary, something like harry potter").</summary>
    public FrozenSet<string> RefusalEnds { get; init; } = FrozenSet<string>.Empty;
}

/// <summary>The phrases asking for the book a film was made from, or the film made of a book (<see cref="CueVocabulary.AdaptationAsked"/>).</summary>
internal sealed record AdaptationWords(Regex ToBook, Regex ToMovie);

/// <summary>The words asking for the next work of a series (<see cref="CueVocabulary.AsksForNextInSeries"/>).</summary>
internal sealed record NextInSeriesWords(Regex Phrases, Regex First, Regex Next, Regex One, Regex AfterAnswer);

/// <summary>The words of a follow-up that asks for titles not shown yet (<see cref="CueVocabulary.AsksForOthers"/>).</summary>
/// <param name="Phrases">Phrases asking for other titles ("anything else", 换一批).</param>
/// <param name="LeaveOut">Words before names that leave out only those ("other than", 除了).</param>
/// <param name="Pointers">Words after a leave-out word that point at the answer shown ("these", 这些).</param>
internal sealed record OthersWords(IReadOnlyList<string> Phrases, IReadOnlyList<string> LeaveOut, IReadOnlyList<string> Pointers);

/// <summary>The kinds of item a message names (<see cref="CueVocabulary.DomainsIn"/>).</summary>
/// <param name="Book">Books are asked for.</param>
/// <param name="Movie">Movies are asked for.</param>
/// <param name="NotBook">Books are turned down.</param>
/// <param name="NotMovie">Movies are turned down.</param>
public readonly record struct DomainCues(bool Book, bool Movie, bool NotBook, bool NotMovie);

internal sealed record DomainWords(
    IReadOnlyList<string> Book, IReadOnlyList<string> Movie, IReadOnlyList<string> NotBook, IReadOnlyList<string> NotMovie, IReadOnlyList<string> LeansBook,
    IReadOnlyList<string> LeansMovie);

internal sealed record ComicsWords(IReadOnlyList<string> Tags, IReadOnlyList<string> Phrases, int TopTags)
{
    /// <summary>Words before a comics phrase that turn books told in pictures down ("not the comics", 不要漫画).</summary>
    public IReadOnlyList<string> Refusals { get; init; } = [];

    /// <summary>Words right after a comics phrase that turn them down (漫画就不要了).</summary>
    public IReadOnlyList<string> RefusalsAfter { get; init; } = [];
}
