namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>Reads the sections of cues.json: every list, map and number must be there and well formed, or the error names the file and the section.</summary>
internal static class CueSections
{
    internal static int Count(JsonElement root, string section, string property, string name) =>
        root.TryGetProperty(section, out var s) && s.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var n) && n > 0
            ? n
            : throw new VocabularyException($"{name}: '{section}.{property}' must be a positive whole number.");

    internal static List<string> Strings(JsonElement root, string section, string list, string name)
    {
        if (!root.TryGetProperty(section, out var s) || !s.TryGetProperty(list, out var values) || values.ValueKind != JsonValueKind.Array)
        {
            throw new VocabularyException($"{name}: '{section}.{list}' must be an array of strings.");
        }

        var result = new List<string>(values.GetArrayLength());
        foreach (var value in values.EnumerateArray())
        {
            result.Add(value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text.Trim()
                : throw new VocabularyException($"{name}: '{section}.{list}' holds an empty or non-string entry ({value.GetRawText()})."));
        }

        return result.Count > 0 ? result : throw new VocabularyException($"{name}: '{section}.{list}' is empty.");
    }

    // A mapping of names to lists of strings ("otherShelves.topics").
    internal static FrozenDictionary<string, string[]> Lists(JsonElement root, string section, string map, string name)
    {
        if (!root.TryGetProperty(section, out var s) || !s.TryGetProperty(map, out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: '{section}.{map}' must be an object of string arrays.");
        }

        var result = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in values.EnumerateObject())
        {
            result[entry.Name] = [.. Strings(values, entry.Name, name, section, map)];
        }

        return result.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

        static IEnumerable<string> Strings(JsonElement parent, string key, string name, string section, string map) =>
            parent.GetProperty(key) is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text
                    ? text.Trim()
                    : throw new VocabularyException($"{name}: '{section}.{map}.{key}' holds an empty or non-string entry ({v.GetRawText()})."))
                : throw new VocabularyException($"{name}: '{section}.{map}.{key}' must be an array of strings.");
    }
}
