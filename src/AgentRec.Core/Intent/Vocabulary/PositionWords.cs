using static AgentRec.Core.Intent.Vocabulary.VocabularyJson;

namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>
/// The words a follow-up points at an item of the previous answer with, by position (cues.json "positions"): "the
/// second one", "the last film", 第三部, "number 4".
/// </summary>
internal sealed class PositionWords
{
    private const string Section = "positions";

    private readonly Dictionary<string, int> _numbers;
    private readonly Regex _english;
    private readonly Regex _chinese;
    private readonly Regex _numbered;
    private readonly Regex _theOnlyOne;

    private PositionWords(Dictionary<string, int> numbers, Regex english, Regex chinese, Regex numbered, Regex theOnlyOne) =>
        (_numbers, _english, _chinese, _numbered, _theOnlyOne) = (numbers, english, chinese, numbered, theOnlyOne);

    /// <summary>True when <paramref name="message"/> points at a single item without a position ("more like that one", 像这部的): the one just given.</summary>
    public bool PointsAtTheOne(string message) => _theOnlyOne.IsMatch(message);

    /// <summary>The position <paramref name="message"/> points at (-1: the last), or null; English first, then Chinese, then a numbered mark.</summary>
    public int? Find(string message)
    {
        var m = _english.Match(message);
        if (!m.Success)
        {
            m = _chinese.Match(message);
        }

        if (!m.Success)
        {
            m = _numbered.Match(message);
        }

        if (!m.Success)
        {
            return null;
        }

        var word = m.Groups["o"].Value;
        return _numbers.TryGetValue(word, out var p) ? p : int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>Reads the section from a cue file's root; <paramref name="name"/> names the file in errors.</summary>
    public static PositionWords Read(JsonElement root, string name)
    {
        if (!root.TryGetProperty(Section, out var s) || s.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: '{Section}' must be an object.");
        }

        var english = Numbers(s, "english", name, Section, n => n >= 1 || n == -1, "a position of 1 or more, or -1 for the last");
        var chinese = Numbers(s, "chinese", name, Section, n => n >= 1 || n == -1, "a position of 1 or more, or -1 for the last");
        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, n) in english.Concat(chinese))
        {
            numbers[word] = n;
        }

        const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
        return new PositionWords(
            numbers,
            new Regex(@"\b(?:the\s+)?(?<o>" + Alternation(english.Keys) + @")\s+(?:" + Alternation(NonEmptyStrings(s, "nouns", name, Section)) + @")\b", Options),
            new Regex("第(?<o>" + Alternation(chinese.Keys) + @"|\d+)(?:" + Alternation(NonEmptyStrings(s, "counters", name, Section)) + ")", Options),
            new Regex("(?:" + Alternation(NonEmptyStrings(s, "numberMarks", name, Section)) + @")\s*(?<o>\d{1,2})\b", Options),
            CueVocabulary.PhrasePattern(NonEmptyStrings(s, "theOne", name, Section)));
    }
}
