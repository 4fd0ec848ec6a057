namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>Reads the JSON of a vocabulary file: comments allowed, and every error names the file.</summary>
internal static class VocabularyJson
{
    /// <summary>
    /// Parses <paramref name="json"/> and builds the vocabulary from its root with <paramref name="read"/>; text that is
    /// not JSON is a <see cref="VocabularyException"/> naming <paramref name="name"/> and the line.
    /// </summary>
    public static T Read<T>(Stream json, string name, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new VocabularyException($"{name} line {(ex.LineNumber ?? 0) + 1}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The strings of the array <paramref name="property"/> of <paramref name="owner"/>, empty when there is none; an
    /// array holding anything but non-empty strings is a <see cref="VocabularyException"/> naming <paramref name="where"/>.
    /// </summary>
    public static List<string> Strings(JsonElement owner, string property, string where)
    {
        if (!owner.TryGetProperty(property, out var values))
        {
            return [];
        }

        if (values.ValueKind != JsonValueKind.Array)
        {
            throw new VocabularyException($"{where}: '{property}' must be an array of strings.");
        }

        var list = new List<string>();
        foreach (var v in values.EnumerateArray())
        {
            list.Add(v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s
                : throw new VocabularyException($"{where}: '{property}' holds an empty or non-string entry."));
        }

        return list;
    }

    /// <summary>Checks that <paramref name="root"/> is an object of <paramref name="what"/> whose names are "source" or among <paramref name="sections"/>.</summary>
    public static void CheckSections(JsonElement root, string name, string[] sections, string what)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: the root must be an object of {what}.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "source" && Array.IndexOf(sections, property.Name) < 0)
            {
                throw new VocabularyException($"{name}: unknown section '{property.Name}'.");
            }
        }
    }

    /// <summary>
    /// The strings of the array <paramref name="property"/> of the section <paramref name="section"/> (named
    /// <paramref name="sectionName"/> in <paramref name="name"/>); a missing or empty array is a <see cref="VocabularyException"/>.
    /// </summary>
    public static List<string> NonEmptyStrings(JsonElement section, string property, string name, string sectionName) =>
        Strings(section, property, $"{name}: {sectionName}") is { Count: > 0 } list
            ? list
            : throw new VocabularyException($"{name}: '{sectionName}.{property}' must be a non-empty array of strings.");

    /// <summary>
    /// The object <paramref name="property"/> of words and whole numbers in <paramref name="section"/>; a number that
    /// <paramref name="valid"/> refuses is a <see cref="VocabularyException"/> saying <paramref name="rule"/>.
    /// </summary>
    public static Dictionary<string, int> Numbers(JsonElement section, string property, string name, string sectionName, Func<int, bool> valid, string rule)
    {
        if (!section.TryGetProperty(property, out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: '{sectionName}.{property}' must be an object of words and numbers.");
        }

        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in values.EnumerateObject())
        {
            numbers[entry.Name] = entry.Name.Length > 0 && entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt32(out var n) && valid(n)
                ? n
                : throw new VocabularyException($"{name}: '{sectionName}.{property}.{entry.Name}' must be {rule}.");
        }

        return numbers.Count > 0 ? numbers : throw new VocabularyException($"{name}: '{sectionName}.{property}' is empty.");
    }

    /// <summary>One regex alternation of <paramref name="words"/>, longest first, each escaped, a space matching any run of white space.</summary>
    public static string Alternation(IEnumerable<string> words) =>
        string.Join('|', words.OrderByDescending(w => w.Length).Select(w => Regex.Escape(w).Replace(@"\ ", @"\s+", StringComparison.Ordinal)));
}
