namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>
/// The function words the rule parser reads around genres, counts, titles and chat (Intent/Vocabulary/parser-words.json,
/// embedded): negation and its reach, words that make a number no count, title cues and span ends, smalltalk.
/// </summary>
public sealed class ParserWords
{
    /// <summary>The embedded file's name, as errors name it.</summary>
    public const string FileName = "parser-words.json";

    private static readonly string[] Sections =
    [
        "smalltalkCore", "smalltalkFiller", "negationCues", "scopeBreakers", "chainWords", "notCountAfterA", "afterNumberNotCount", "afterNumberWordNotCount",
        "timeUnits", "nameBreakers", "beforeNumberNotCount", "pronouns", "personAnaphora", "likeVerbBridge", "likeNotCue", "feedbackVerbs", "fondOf", "describedNouns", "explainVerbs", "explainNotTitle",
        "spanBreakers", "softStops", "genericStarts", "commonWords", "sensoryVerbs", "verdicts", "nextAfter", "seriesNouns",
        "notAnimated", "neverDone", "beforeOneNotCount", "afterOneNotCount", "afterSomeNotCount", "articleNotCountAfter", "severalItems", "afterNotTitleStart",
        "chineseGenericInTitle", "chineseFeedbackBefore", "chineseSimilarBefore",
    ];

    private static readonly Lazy<ParserWords> Embedded = new(() => Load(CueVocabulary.OpenEmbedded(FileName), FileName));

    private readonly FrozenDictionary<string, FrozenSet<string>> _sets;

    private ParserWords(FrozenDictionary<string, FrozenSet<string>> sets) => _sets = sets;

    /// <summary>The words the product ships with; loaded once, checked when the parser is built.</summary>
    /// <exception cref="VocabularyException">The embedded file is malformed.</exception>
    public static ParserWords Default => Embedded.Value;

    /// <summary>Greetings, thanks and farewells.</summary>
    public FrozenSet<string> SmalltalkCore => _sets["smalltalkCore"];

    /// <summary>Words that may surround a greeting without making it a request.</summary>
    public FrozenSet<string> SmalltalkFiller => _sets["smalltalkFiller"];

    /// <summary>Words that put a following genre under negation.</summary>
    public FrozenSet<string> NegationCues => _sets["negationCues"];

    /// <summary>Genre keys that rule animation out and are no genre themselves ("live action only": not the genre Action).</summary>
    public FrozenSet<string> NotAnimated => _sets["notAnimated"];

    /// <summary>Words after "never" that make it a lack of experience, not a refusal ("never really read fantasy").</summary>
    public FrozenSet<string> NeverDone => _sets["neverDone"];

    /// <summary>Words that end the reach of a negation.</summary>
    public FrozenSet<string> ScopeBreakers => _sets["scopeBreakers"];

    /// <summary>Words that continue a list of refused genres.</summary>
    public FrozenSet<string> ChainWords => _sets["chainWords"];

    /// <summary>Words after "a" that do not make it a count of one.</summary>
    public FrozenSet<string> NotCountAfterA => _sets["notCountAfterA"];

    /// <summary>Words after a number that make it no count.</summary>
    public FrozenSet<string> AfterNumberNotCount => _sets["afterNumberNotCount"];

    /// <summary>Words after a number word that make it part of a description ("one guy", "one by one"), not a count.</summary>
    public FrozenSet<string> AfterNumberWordNotCount => _sets["afterNumberWordNotCount"];

    /// <summary>Words that, right after a lower-case "watch/read after", begin a time or a situation, never a title ("after a breakup", "after work").</summary>
    public FrozenSet<string> AfterNotTitleStart => _sets["afterNotTitleStart"];

    /// <summary>Words right before "one" that make it say which item, not how many ("the 1979 one", "that one").</summary>
    public FrozenSet<string> BeforeOneNotCount => _sets["beforeOneNotCount"];

    /// <summary>Words right after "one" that make it no count ("one day", "one thing").</summary>
    public FrozenSet<string> AfterOneNotCount => _sets["afterOneNotCount"];

    /// <summary>Words right after "some" that make it no count ("some kind of", "some free time").</summary>
    public FrozenSet<string> AfterSomeNotCount => _sets["afterSomeNotCount"];

    /// <summary>Words right before "a" or "an" that make the article name what to avoid or a kind ("not a romance", "make it a book").</summary>
    public FrozenSet<string> ArticleNotCountAfter => _sets["articleNotCountAfter"];

    /// <summary>Plural nouns for the items asked for ("books", "recs"): with them a count word asks for several.</summary>
    public FrozenSet<string> SeveralItems => _sets["severalItems"];

    /// <summary>Words that end a capitalised name even when capitalised ("Pulp Fiction And Reservoir Dogs").</summary>
    public FrozenSet<string> NameBreakers => _sets["nameBreakers"];

    /// <summary>Spans of time: after a count word they make it a duration ("the next few months"), not how many items.</summary>
    public FrozenSet<string> TimeUnits => _sets["timeUnits"];

    /// <summary>Words before a number that make it no count.</summary>
    public FrozenSet<string> BeforeNumberNotCount => _sets["beforeNumberNotCount"];

    /// <summary>Words that point back at a person named before in the conversation ("what else has he got", 他还写过什么).</summary>
    public FrozenSet<string> PersonAnaphora => _sets["personAnaphora"];

    /// <summary>People who like, watch or read.</summary>
    public FrozenSet<string> Pronouns => _sets["pronouns"];

    /// <summary>Adverbs and auxiliaries between a person and "like".</summary>
    public FrozenSet<string> LikeVerbBridge => _sets["likeVerbBridge"];

    /// <summary>Words before "like" that make it no comparison.</summary>
    public FrozenSet<string> LikeNotCue => _sets["likeNotCue"];

    /// <summary>Verbs that judge or report a title seen or read.</summary>
    public FrozenSet<string> FeedbackVerbs => _sets["feedbackVerbs"];

    /// <summary>Two words saying the person is taken with the title after them ("obsessed with").</summary>
    public FrozenSet<string> FondOf => _sets["fondOf"];

    /// <summary>Words after an unknown name that make it a description of the items wanted ("the hand drawn ones").</summary>
    public FrozenSet<string> DescribedNouns => _sets["describedNouns"];

    /// <summary>Verbs after which an explanation question names a title.</summary>
    public FrozenSet<string> ExplainVerbs => _sets["explainVerbs"];

    /// <summary>Words after "why" that start a question rather than a title.</summary>
    public FrozenSet<string> ExplainNotTitle => _sets["explainNotTitle"];

    /// <summary>Words that end a title span.</summary>
    public FrozenSet<string> SpanBreakers => _sets["spanBreakers"];

    /// <summary>Words at which an unresolved title candidate stops.</summary>
    public FrozenSet<string> SoftStops => _sets["softStops"];

    /// <summary>Words that cannot begin a title candidate on their own.</summary>
    public FrozenSet<string> GenericStarts => _sets["genericStarts"];

    /// <summary>Common request words, never a title or topic by themselves.</summary>
    public FrozenSet<string> CommonWords => _sets["commonWords"];

    /// <summary>Verbs of seeming ("feels like").</summary>
    public FrozenSet<string> SensoryVerbs => _sets["sensoryVerbs"];

    /// <summary>Words that judge a title named at the start of a sentence.</summary>
    public FrozenSet<string> Verdicts => _sets["verdicts"];

    /// <summary>Words right before "after" that make the title after it the one to go on from ("watch after Inception").</summary>
    public FrozenSet<string> NextAfter => _sets["nextAfter"];

    /// <summary>Nouns for a whole series said after its name ("trilogy", "saga").</summary>
    public FrozenSet<string> SeriesNouns => _sets["seriesNouns"];

    /// <summary>Chinese words that make a span between 像 and 那样 a description, not a title.</summary>
    public FrozenSet<string> ChineseGenericInTitle => _sets["chineseGenericInTitle"];

    /// <summary>Chinese words right before a title that judge it (喜欢, 看过).</summary>
    public FrozenSet<string> ChineseFeedbackBefore => _sets["chineseFeedbackBefore"];

    /// <summary>Chinese words earlier in a title's clause that ask for works like it (像, 推荐).</summary>
    public FrozenSet<string> ChineseSimilarBefore => _sets["chineseSimilarBefore"];

    /// <summary>Reads a word file; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="VocabularyException">
    /// The file is not valid JSON, lacks or adds a section, or holds an empty, padded, upper-case or repeated word; the
    /// message names the file and the line or the entry.
    /// </exception>
    public static ParserWords Load(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        return VocabularyJson.Read(json, name, root =>
        {
            VocabularyJson.CheckSections(root, name, Sections, "word sections");

            var sets = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
            foreach (var section in Sections)
            {
                sets[section] = Words(root, section, name);
            }

            return new ParserWords(sets.ToFrozenDictionary(StringComparer.Ordinal));
        });
    }

    private static FrozenSet<string> Words(JsonElement root, string section, string name)
    {
        if (!root.TryGetProperty(section, out var s) || s.ValueKind != JsonValueKind.Object
            || !s.TryGetProperty("words", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            throw new VocabularyException($"{name}: '{section}.words' must be an array of strings.");
        }

        var words = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            // The parser compares lower-case tokens exactly: a padded or capitalised word would never match.
            if (string.IsNullOrEmpty(text) || text.Trim() != text || !text.Equals(text.ToLowerInvariant(), StringComparison.Ordinal))
            {
                throw new VocabularyException($"{name}: '{section}.words' entry {index} ({value.GetRawText()}) must be a non-empty lower-case word without padding.");
            }

            if (!words.Add(text))
            {
                throw new VocabularyException($"{name}: '{section}.words' entry {index} (\"{text}\") repeats an earlier entry.");
            }

            index++;
        }

        return words.Count > 0 ? words.ToFrozenSet(StringComparer.Ordinal) : throw new VocabularyException($"{name}: '{section}.words' is empty.");
    }
}
