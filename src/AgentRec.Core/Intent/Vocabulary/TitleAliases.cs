namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>
/// Chinese names of well-known films and books with the English title the catalog uses (Intent/Vocabulary/chinese-titles.json,
/// embedded): a name found in a message is resolved as its English title would be.
/// </summary>
public sealed class TitleAliases
{
    /// <summary>The embedded file's name, as errors name it.</summary>
    public const string FileName = "chinese-titles.json";

    private static readonly Lazy<TitleAliases> Embedded = new(() => Load(CueVocabulary.OpenEmbedded(FileName), FileName));

    private TitleAliases(IReadOnlyList<KeyValuePair<string, string>> chinese) => Chinese = chinese;

    /// <summary>The aliases the product ships with; loaded once, checked at start-up.</summary>
    /// <exception cref="VocabularyException">The embedded file is malformed.</exception>
    public static TitleAliases Default => Embedded.Value;

    /// <summary>Chinese name → English catalog title, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Chinese { get; }

    /// <summary>Reads an alias file; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="VocabularyException">The file is not valid JSON, an entry lacks a name or a title, or a name repeats; the message names file and entry.</exception>
    public static TitleAliases Load(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        return VocabularyJson.Read(json, name, root =>
        {
            if (!root.TryGetProperty("titles", out var titles) || titles.ValueKind != JsonValueKind.Array)
            {
                throw new VocabularyException($"{name}: 'titles' must be an array of {{\"zh\": ..., \"en\": ...}} entries.");
            }

            var result = new List<KeyValuePair<string, string>>(titles.GetArrayLength());
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var entry in titles.EnumerateArray())
            {
                index++;
                var zh = Text(entry, "zh");
                var en = Text(entry, "en");
                if (zh is null || en is null)
                {
                    throw new VocabularyException($"{name}: entry {index} ({entry.GetRawText()}) needs a non-empty 'zh' and 'en'.");
                }

                if (!seen.Add(zh))
                {
                    throw new VocabularyException($"{name}: entry {index} repeats the name '{zh}'.");
                }

                result.Add(new(zh, en));
            }

            return new TitleAliases(result);
        });
    }

    private static string? Text(JsonElement entry, string key) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text
            ? text.Trim()
            : null;
}
