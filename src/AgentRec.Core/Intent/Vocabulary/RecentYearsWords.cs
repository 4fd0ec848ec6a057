using static AgentRec.Core.Intent.Vocabulary.VocabularyJson;

namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>
/// The spans of years back from now a request asks for (cues.json "recentYears"): "from the last 10 years", "the past
/// decade", "last few years", 近十年, 最近几年, "in recent years".
/// </summary>
internal sealed partial class RecentYearsWords
{
    private const string Section = "recentYears";

    private readonly Regex _english;
    private readonly Regex _chinese;
    private readonly Regex _phrases;
    private readonly Dictionary<string, int> _numbers;
    private readonly Dictionary<string, int> _units;
    private readonly Dictionary<string, int> _phraseYears;

    private RecentYearsWords(Regex english, Regex chinese, Regex phrases, Dictionary<string, int> numbers, Dictionary<string, int> units, Dictionary<string, int> phraseYears) =>
        (_english, _chinese, _phrases, _numbers, _units, _phraseYears) = (english, chinese, phrases, numbers, units, phraseYears);

    /// <summary>How many years back <paramref name="message"/> asks for, or null when it names no such span.</summary>
    public int? Span(string message)
    {
        var m = _english.Match(message);
        // "For the last 10 years" tells how long, not when.
        while (m.Success && ForBefore().IsMatch(message.AsSpan(0, m.Index)))
        {
            m = m.NextMatch();
        }

        if (m.Success)
        {
            var unit = _units[m.Groups["u"].Value];
            // "movies from last year" names a year, not a span.
            if (m.Groups["n"].Success || unit > 1)
            {
                return Number(m.Groups["n"]) * unit;
            }
        }

        m = _chinese.Match(message);
        if (m.Success)
        {
            return Number(m.Groups["n"]);
        }

        m = _phrases.Match(message);
        return m.Success ? _phraseYears[m.Value] : null;
    }

    private int Number(Group group) =>
        !group.Success ? 1
        : _numbers.TryGetValue(group.Value, out var n) ? n
        : int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Reads the section from a cue file's root; <paramref name="name"/> names the file in errors.</summary>
    public static RecentYearsWords Read(JsonElement root, string name)
    {
        if (!root.TryGetProperty(Section, out var s) || s.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: '{Section}' must be an object.");
        }

        var numbers = Numbers(s, "numbers", name, Section, n => n >= 1, "a whole number of 1 or more");
        var units = Numbers(s, "units", name, Section, n => n >= 1, "a whole number of 1 or more");
        var phrases = Numbers(s, "phrases", name, Section, n => n >= 1, "a whole number of 1 or more");
        var english = numbers.Keys.Where(k => k[0] < 0x2E80).ToList();
        var chinese = numbers.Keys.Where(k => k[0] >= 0x2E80).ToList();
        const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
        return new RecentYearsWords(
            new Regex(@"\b(?:" + Alternation(NonEmptyStrings(s, "before", name, Section)) + @")\s+(?:(?<n>\d{1,2}|" + Alternation(english)
                + @")\s+)?(?<u>" + Alternation(units.Keys) + @")\b", Options),
            new Regex("(?:" + Alternation(NonEmptyStrings(s, "chineseBefore", name, Section)) + @")(?<n>\d{1,2}|" + Alternation(chinese) + ")(?:" + Alternation(NonEmptyStrings(s, "chineseUnits", name, Section)) + ")", Options),
            CueVocabulary.PhrasePattern(phrases.Keys),
            numbers,
            units,
            phrases);
    }

    [GeneratedRegex(@"\bfor\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForBefore();
}
