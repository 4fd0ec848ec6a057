namespace AgentRec.Core.Llm;

/// <summary>The JSON files of a model folder (genai_config.json, tokenizer.json, tokenizer_config.json), read with errors that name the file.</summary>
internal static class ModelFolderJson
{
    /// <summary>The path of <paramref name="fileName"/> in <paramref name="folder"/>; a missing file is an <see cref="LlmModelException"/> naming both.</summary>
    public static string Require(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            throw new LlmModelException(path, $"LLM model folder '{folder}' has no {fileName} (expected '{path}').");
        }

        return path;
    }

    /// <summary>
    /// <paramref name="parse"/> applied to the root of the JSON file <paramref name="path"/>; invalid JSON or a value of
    /// the wrong type is an <see cref="LlmModelException"/> naming the file.
    /// </summary>
    public static T Parse<T>(string path, Func<JsonElement, T> parse, JsonDocumentOptions options = default)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), options);
            return parse(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new LlmModelException(path, $"'{path}' is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new LlmModelException(path, $"'{path}' has a value of the wrong type: {ex.Message}", ex);
        }
    }
}
