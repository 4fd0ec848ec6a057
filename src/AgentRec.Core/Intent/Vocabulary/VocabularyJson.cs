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
