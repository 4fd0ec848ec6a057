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

    private PositionWords(Dictionary<string, int> numbers, Regex english, Regex chinese, Regex numbered) =>
        (_numbers, _english, _chinese, _numbered) = (numbers, english, chinese, numbered);

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

        var english = Numbers(s, "english", name);
        var chinese = Numbers(s, "chinese", name);
        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, n) in english.Concat(chinese))
        {
            numbers[word] = n;
        }

        const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;
        return new PositionWords(
            numbers,
            new Regex(@"\b(?:the\s+)?(?<o>" + Alternation(english.Keys) + @")\s+(?:" + Alternation(List(s, "nouns", name)) + @")\b", Options),
            new Regex("第(?<o>" + Alternation(chinese.Keys) + @"|\d+)(?:" + Alternation(List(s, "counters", name)) + ")", Options),
            new Regex("(?:" + Alternation(List(s, "numberMarks", name)) + @")\s*(?<o>\d{1,2})\b", Options));
    }

    private static string Alternation(IEnumerable<string> words) => string.Join('|', words.OrderByDescending(w => w.Length).Select(Regex.Escape));

    private static Dictionary<string, int> Numbers(JsonElement section, string property, string name)
    {
        if (!section.TryGetProperty(property, out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: '{Section}.{property}' must be an object of words and positions.");
        }

        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in values.EnumerateObject())
        {
            numbers[entry.Name] = entry.Name.Length > 0 && entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out var n) && (n >= 1 || n == -1)
                ? n
                : throw new VocabularyException($"{name}: '{Section}.{property}.{entry.Name}' must be a position of 1 or more, or -1 for the last.");
        }

        return numbers.Count > 0 ? numbers : throw new VocabularyException($"{name}: '{Section}.{property}' is empty.");
    }

    private static List<string> List(JsonElement section, string property, string name) =>
        VocabularyJson.Strings(section, property, $"{name}: {Section}") is { Count: > 0 } list
            ? list
            : throw new VocabularyException($"{name}: '{Section}.{property}' must be a non-empty array of strings.");
}
