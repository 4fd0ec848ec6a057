using AgentRec.Core.Catalog;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// Phrases that say what a tag, genre or shelf says in other words ("horror" → "scary"), read from
/// Evaluation/Data/paraphrases.json (curated by the team) for the paraphrase task of <see cref="RetrievalEvaluation"/>.
/// Keys match case-insensitively with punctuation read as spaces ("Sci-Fi" is "sci fi").
/// </summary>
public sealed class ParaphraseTable
{
    /// <summary>The embedded table's name, as errors name it.</summary>
    public const string FileName = "paraphrases.json";

    private static readonly Lazy<ParaphraseTable> Embedded = new(() =>
    {
        using var stream = typeof(ParaphraseTable).Assembly.GetManifestResourceStream("AgentRec.Evaluation.Data." + FileName)
            ?? throw new InvalidDataException($"{FileName}: not embedded in the assembly.");
        return Load(stream, FileName);
    });

    private readonly Dictionary<string, string[]> _phrases;

    private ParaphraseTable(string source, Dictionary<string, string[]> phrases)
    {
        Source = source;
        _phrases = phrases;
    }

    /// <summary>The table the evaluation ships with.</summary>
    public static ParaphraseTable Default => Embedded.Value;

    /// <summary>Where the phrases come from, as the file states it.</summary>
    public string Source { get; }

    /// <summary>Keys in the table.</summary>
    public int Count => _phrases.Count;

    /// <summary>The phrases for <paramref name="term"/> (a tag, genre or shelf); empty when the table has none.</summary>
    public IReadOnlyList<string> For(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return _phrases.TryGetValue(Normalize(term), out var phrases) ? phrases : [];
    }

    /// <summary>Reads a table file; throws <see cref="InvalidDataException"/> naming the file when it is unreadable or malformed.</summary>
    public static ParaphraseTable LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            return Load(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// Reads a table: <c>{"source": "...", "paraphrases": {"horror": ["scary", ...], ...}}</c>. Every key needs at least
    /// one phrase with a word in it, and no two keys may be the same once normalised; <paramref name="name"/> is the
    /// file the errors name.
    /// </summary>
    public static ParaphraseTable Load(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{name}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{name}: the root must be an object with \"source\" and \"paraphrases\".");
            }

            if (!root.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString()))
            {
                throw new InvalidDataException($"{name}: \"source\" must say where the phrases come from.");
            }

            if (!root.TryGetProperty("paraphrases", out var table) || table.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{name}: \"paraphrases\" must be an object mapping each term to a list of phrases.");
            }

            var phrases = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var entry in table.EnumerateObject())
            {
                var key = Normalize(entry.Name);
                if (key.Length == 0)
                {
                    throw new InvalidDataException($"{name}: the key \"{entry.Name}\" has no word in it.");
                }

                if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.GetArrayLength() == 0)
                {
                    throw new InvalidDataException($"{name}: \"{entry.Name}\" must map to a non-empty list of phrases.");
                }

                var list = new List<string>(entry.Value.GetArrayLength());
                foreach (var phrase in entry.Value.EnumerateArray())
                {
                    if (phrase.ValueKind != JsonValueKind.String || Normalize(phrase.GetString()!).Length == 0)
                    {
                        throw new InvalidDataException($"{name}: \"{entry.Name}\" has a phrase that is not a string with a word in it.");
                    }

                    list.Add(phrase.GetString()!.Trim());
                }

                if (!phrases.TryAdd(key, [.. list]))
                {
                    throw new InvalidDataException($"{name}: \"{entry.Name}\" repeats the key \"{key}\".");
                }
            }

            return new ParaphraseTable(source.GetString()!, phrases);
        }
    }

    /// <summary>The key form of a term: its tokens (the project's tokenizer, stop words kept) joined by single spaces.</summary>
    internal static string Normalize(string term) => string.Join(' ', TextTokens.Tokenize(term, dropStopWords: false));
}
