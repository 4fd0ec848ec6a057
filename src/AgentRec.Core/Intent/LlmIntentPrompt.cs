using System.Globalization;
using System.Text.RegularExpressions;
using AgentRec.Core.Catalog;
using AgentRec.Core.Llm;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentRec.Core.Intent;

/// <summary>
/// The intent prompt from prompts/intent.yaml: its chat messages (<c>&lt;message role="…"&gt;</c> blocks), optional
/// few-shot <c>examples</c> (request → intent JSON) and default execution settings. Variables are filled into each
/// message after the blocks are split, so a request cannot open or close a message of its own.
/// </summary>
public sealed partial class LlmIntentPrompt
{
    /// <summary>The prompt file, relative to the repository root or the app's folder.</summary>
    public const string DefaultRelativePath = "prompts/intent.yaml";

    private LlmIntentPrompt(IReadOnlyList<(string Role, string Content)> messages, IReadOnlyList<(string Request, string Intent)> examples,
        float temperature, float topP, int maxTokens)
    {
        Messages = messages;
        Examples = examples;
        Temperature = temperature;
        TopP = topP;
        MaxTokens = maxTokens;
    }

    public IReadOnlyList<(string Role, string Content)> Messages { get; }
    public IReadOnlyList<(string Request, string Intent)> Examples { get; }
    public float Temperature { get; }
    public float TopP { get; }
    public int MaxTokens { get; }

    /// <summary>Finds the prompt: <paramref name="configuredPath"/> when given, else prompts/intent.yaml under the repository root (AgentRec.sln) or the app's folder.</summary>
    public static string Locate(string? configuredPath = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return configuredPath;
        }

        var candidates = new List<string>();
        if (DataPaths.FindRepositoryRoot() is { } root)
        {
            candidates.Add(Path.Combine(root, DefaultRelativePath));
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, DefaultRelativePath));
        return candidates.FirstOrDefault(File.Exists) ?? candidates[0];
    }

    /// <summary>Loads the prompt file; a missing or malformed file is an <see cref="LlmModelException"/> naming it.</summary>
    public static LlmIntentPrompt Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new LlmModelException(path, $"The intent prompt '{path}' does not exist (set Llm:IntentPromptPath or keep {DefaultRelativePath} in the repository).");
        }

        PromptFile file;
        try
        {
            file = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .IgnoreUnmatchedProperties()
                .Build()
                .Deserialize<PromptFile>(File.ReadAllText(path)) ?? new PromptFile();
        }
        catch (YamlException ex)
        {
            throw new LlmModelException(path, $"The intent prompt '{path}' is not valid YAML: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(file.Template))
        {
            throw new LlmModelException(path, $"The intent prompt '{path}' has no template.");
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

        var settings = file.ExecutionSettings.TryGetValue("default", out var d) ? d : [];
        return new LlmIntentPrompt(
            messages,
            [.. file.Examples.Where(e => !string.IsNullOrWhiteSpace(e.Request) && !string.IsNullOrWhiteSpace(e.Intent)).Select(e => (e.Request!, e.Intent!.Trim()))],
            Number(settings, "temperature", 0f),
            Number(settings, "top_p", 1f),
            (int)Number(settings, "max_tokens", 256f));
    }

    /// <summary>The chat for one request: the template's messages with the examples as user/assistant turns before the last user message.</summary>
    public IReadOnlyList<(string Role, string Content)> Render(string message, string previousIntentJson)
    {
        var result = new List<(string, string)>(Messages.Count + Examples.Count * 2);
        var lastUser = -1;
        for (var i = 0; i < Messages.Count; i++)
        {
            if (Messages[i].Role == "user")
            {
                lastUser = i;
            }
        }

        for (var i = 0; i < Messages.Count; i++)
        {
            if (i == lastUser)
            {
                foreach (var (request, intent) in Examples)
                {
                    result.Add(("user", Fill(Messages[i].Content, request, "")));
                    result.Add(("assistant", intent));
                }
            }

            result.Add((Messages[i].Role, Fill(Messages[i].Content, message, previousIntentJson)));
        }

        return result;
    }

    private static string Fill(string template, string message, string previous) =>
        Variable().Replace(template, m => m.Groups["name"].Value switch
        {
            "message" => message,
            "previous_intent" => previous,
            _ => "",
        });

    private static float Number(Dictionary<string, string> settings, string key, float fallback) =>
        settings.TryGetValue(key, out var text) && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    [GeneratedRegex("<message role=\"(?<role>[a-z]+)\">(?<content>.*?)</message>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MessageBlock();

    [GeneratedRegex(@"\{\{\s*\$?(?<name>[a-z_]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    internal sealed class PromptFile
    {
        public string? Template { get; set; }
        public Dictionary<string, Dictionary<string, string>> ExecutionSettings { get; set; } = [];
        public List<PromptExample> Examples { get; set; } = [];
    }

    internal sealed class PromptExample
    {
        public string? Request { get; set; }
        public string? Intent { get; set; }
    }
}
