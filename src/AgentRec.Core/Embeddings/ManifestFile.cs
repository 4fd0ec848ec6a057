namespace AgentRec.Core.Embeddings;

/// <summary>Reading and writing the JSON manifests saved beside trained models.</summary>
internal static class ManifestFile
{
    /// <summary>
    /// Reads <paramref name="fileName"/> from <paramref name="directory"/>; an <see cref="InvalidDataException"/> naming the
    /// file when it is missing or is not valid JSON for <typeparamref name="T"/> (<paramref name="what"/> describes it).
    /// </summary>
    public static T? Read<T>(string directory, string fileName, string what, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{what} folder '{directory}' has no {fileName}.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid {what.ToLowerInvariant()} manifest: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="value"/> as <paramref name="fileName"/> in <paramref name="directory"/>, through a temporary file.</summary>
    public static void Write<T>(string directory, string fileName, T value, JsonSerializerOptions options)
    {
        var path = Path.Combine(directory, fileName);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value, options));
        File.Move(temp, path, overwrite: true);
    }
}
