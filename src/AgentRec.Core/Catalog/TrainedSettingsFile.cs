namespace AgentRec.Core.Catalog;

/// <summary>Reading the versioned JSON files that training and evaluation write under models/trained/.</summary>
internal static class TrainedSettingsFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> as indented JSON to <paramref name="path"/>, creating its folder.</summary>
    public static void Write<T>(string path, T value)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(value, Json));
    }

    /// <summary>
    /// Reads <paramref name="path"/> as <typeparamref name="T"/>; an <see cref="InvalidDataException"/> naming the file
    /// (<paramref name="what"/>, e.g. "Fusion settings") when it is not valid JSON or its version is not <paramref name="currentVersion"/>.
    /// </summary>
    public static T Read<T>(string path, string what, int currentVersion, Func<T, int> version)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(path);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{what} '{path}' are not valid JSON: {ex.Message}", ex);
        }

        int? found = value is null ? null : version(value);
        if (value is null || found != currentVersion)
        {
            throw new InvalidDataException($"{what} '{path}' have version {found}; version {currentVersion} is supported.");
        }

        return value;
    }
}
