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

        var numbers = Numbers(s, "numbers", name);
        var units = Numbers(s, "units", name);
        var phrases = Numbers(s, "phrases", name);
        var english = numbers.Keys.Where(k => k[0] < 0x2E80).ToList();
        var chinese = numbers.Keys.Where(k => k[0] >= 0x2E80).ToList();
        const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
        return new RecentYearsWords(
            new Regex(@"\b(?:" + Alternation(List(s, "before", name)) + @")\s+(?:(?<n>\d{1,2}|" + Alternation(english)
                + @")\s+)?(?<u>" + Alternation(units.Keys) + @")\b", Options),
            new Regex("(?:" + Alternation(List(s, "chineseBefore", name)) + @")(?<n>\d{1,2}|" + Alternation(chinese) + ")(?:" + Alternation(List(s, "chineseUnits", name)) + ")", Options),
            CueVocabulary.PhrasePattern(phrases.Keys),
            numbers,
            units,
            phrases);
    }

    private static string Alternation(IEnumerable<string> words) =>
        string.Join('|', words.OrderByDescending(w => w.Length).Select(w => Regex.Escape(w).Replace(@"\ ", @"\s+", StringComparison.Ordinal)));

    private static Dictionary<string, int> Numbers(JsonElement section, string property, string name)
    {
        if (!section.TryGetProperty(property, out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: '{Section}.{property}' must be an object of words and numbers.");
        }

        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in values.EnumerateObject())
        {
            numbers[entry.Name] = entry.Name.Length > 0 && entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out var n) && n >= 1
                ? n
                : throw new VocabularyException($"{name}: '{Section}.{property}.{entry.Name}' must be a whole number of 1 or more.");
        }

        return numbers.Count > 0 ? numbers : throw new VocabularyException($"{name}: '{Section}.{property}' is empty.");
    }

    private static List<string> List(JsonElement section, string property, string name) =>
        VocabularyJson.Strings(section, property, $"{name}: {Section}") is { Count: > 0 } list
            ? list
            : throw new VocabularyException($"{name}: '{Section}.{property}' must be a non-empty array of strings.");

    [GeneratedRegex(@"\bfor\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForBefore();
}
