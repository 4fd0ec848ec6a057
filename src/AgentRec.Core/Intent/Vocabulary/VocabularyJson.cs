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
}
