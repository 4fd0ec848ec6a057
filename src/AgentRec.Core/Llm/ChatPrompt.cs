using AgentRec.Core.Catalog;

namespace AgentRec.Core.Llm;

/// <summary>
/// A prompt file under prompts/ (the Semantic Kernel YAML layout): <c>&lt;message role="…"&gt;</c> blocks and default
/// execution settings (temperature, top_p, max_tokens, stop_sequences). Variables are filled into each message after
/// the blocks are split, so data cannot open or close a message of its own.
/// </summary>
public sealed partial class ChatPrompt
{
    private ChatPrompt(string path, IReadOnlyList<(string Role, string Content)> messages, PromptSettings settings)
    {
        Path = path;
        Messages = messages;
        Temperature = settings.Temperature ?? 0f;
        TopP = settings.TopP ?? 1f;
        MaxTokens = settings.MaxTokens ?? 256;
        StopSequences = settings.StopSequences ?? [];
    }

    public string Path { get; }
    public IReadOnlyList<(string Role, string Content)> Messages { get; }
    public float Temperature { get; }
    public float TopP { get; }
    public int MaxTokens { get; }
    public IReadOnlyList<string> StopSequences { get; }

    /// <summary>Finds <paramref name="relativePath"/> (e.g. prompts/explain.yaml) under the repository root or the app's folder; <paramref name="configuredPath"/> wins when given.</summary>
    public static string Locate(string relativePath, string? configuredPath = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return configuredPath;
        }

        var candidates = new List<string>();
        if (DataPaths.FindRepositoryRoot() is { } root)
        {
            candidates.Add(System.IO.Path.Combine(root, relativePath));
        }

        candidates.Add(System.IO.Path.Combine(AppContext.BaseDirectory, relativePath));
        return candidates.FirstOrDefault(File.Exists) ?? candidates[0];
    }

    /// <summary>Loads a prompt file; a missing or malformed file is an <see cref="LlmModelException"/> naming it.</summary>
    public static ChatPrompt Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new LlmModelException(path, $"The prompt '{path}' does not exist.");
        }

        var file = PromptYaml.Read<PromptFile>(path, $"The prompt '{path}' is not valid YAML");

        if (string.IsNullOrWhiteSpace(file.Template))
        {
            throw new LlmModelException(path, $"The prompt '{path}' has no template.");
        }

        var messages = new List<(string, string)>();
        foreach (Match m in MessageBlock().Matches(file.Template))
        {
            messages.Add((m.Groups["role"].Value, m.Groups["content"].Value.Trim()));
        }

        if (messages.Count == 0)
        {
            messages.Add(("user", file.Template.Trim()));
        }

        var settings = file.ExecutionSettings.TryGetValue("default", out var d) ? d : new PromptSettings();
        return new ChatPrompt(path, messages, settings);
    }

    /// <summary>The messages with <c>{{name}}</c> variables filled from <paramref name="variables"/> (missing ones are empty).</summary>
    public IReadOnlyList<(string Role, string Content)> Render(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return [.. Messages.Select(m => (m.Role, Fill(m.Content, variables)))];
    }

    /// <summary>One template text with its variables filled.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        return Variable().Replace(template, m => variables.TryGetValue(m.Groups["name"].Value, out var v) ? v : "");
    }

    [GeneratedRegex("<message role=\"(?<role>[a-z]+)\">(?<content>.*?)</message>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MessageBlock();

    [GeneratedRegex(@"\{\{\s*\$?(?<name>[a-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    internal sealed class PromptFile
    {
        public string? Template { get; set; }
        public Dictionary<string, PromptSettings> ExecutionSettings { get; set; } = [];
    }

    internal sealed class PromptSettings
    {
        public float? Temperature { get; set; }
        public float? TopP { get; set; }
        public int? MaxTokens { get; set; }
        public List<string>? StopSequences { get; set; }
    }
}
