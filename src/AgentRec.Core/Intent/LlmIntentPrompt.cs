using AgentRec.Core.Llm;

namespace AgentRec.Core.Intent;

/// <summary>
/// The intent prompt from prompts/intent.yaml: a <see cref="ChatPrompt"/> (messages and default execution settings)
/// plus optional few-shot <c>examples</c> (request → intent JSON), which become user/assistant turns before the
/// request. Variables are filled into each message after the blocks are split, so a request cannot open or close a
/// message of its own.
/// </summary>
public sealed class LlmIntentPrompt
{
    /// <summary>The prompt file, relative to the repository root or the app's folder.</summary>
    public const string DefaultRelativePath = "prompts/intent.yaml";

    private readonly ChatPrompt _chat;

    private LlmIntentPrompt(ChatPrompt chat, IReadOnlyList<(string Request, string Intent)> examples)
    {
        _chat = chat;
        Examples = examples;
    }

    public IReadOnlyList<(string Role, string Content)> Messages => _chat.Messages;
    public IReadOnlyList<(string Request, string Intent)> Examples { get; }
    public float Temperature => _chat.Temperature;
    public float TopP => _chat.TopP;
    public int MaxTokens => _chat.MaxTokens;

    /// <summary>Finds the prompt: <paramref name="configuredPath"/> when given, else prompts/intent.yaml under the repository root (AgentRec.sln) or the app's folder.</summary>
    public static string Locate(string? configuredPath = null) => ChatPrompt.Locate(DefaultRelativePath, configuredPath);

    /// <summary>Loads the prompt file; a missing or malformed file is an <see cref="LlmModelException"/> naming it.</summary>
    public static LlmIntentPrompt Load(string path)
    {
        var chat = ChatPrompt.Load(path);
        var file = PromptYaml.Read<ExamplesFile>(path, $"The intent prompt '{path}' has malformed examples");

        return new LlmIntentPrompt(
            chat,
            [.. file.Examples.Where(e => !string.IsNullOrWhiteSpace(e.Request) && !string.IsNullOrWhiteSpace(e.Intent)).Select(e => (e.Request!, e.Intent!.Trim()))]);
    }

    /// <summary>The chat for one request: the template's messages with the examples as user/assistant turns before the last user message.</summary>
    public IReadOnlyList<(string Role, string Content)> Render(string message, string previousIntentJson)
    {
        var messages = Messages;
        var result = new List<(string, string)>(messages.Count + Examples.Count * 2);
        var lastUser = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Role == "user")
            {
                lastUser = i;
            }
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (i == lastUser)
            {
                foreach (var (request, intent) in Examples)
                {
                    result.Add(("user", Fill(messages[i].Content, request, "")));
                    result.Add(("assistant", intent));
                }
            }

            result.Add((messages[i].Role, Fill(messages[i].Content, message, previousIntentJson)));
        }

        return result;
    }

    private static string Fill(string template, string message, string previous) =>
        ChatPrompt.Fill(template, new Dictionary<string, string>(StringComparer.Ordinal) { ["message"] = message, ["previous_intent"] = previous });

    internal sealed class ExamplesFile
    {
        public List<PromptExample> Examples { get; set; } = [];
    }

    internal sealed class PromptExample
    {
        public string? Request { get; set; }
        public string? Intent { get; set; }
    }
}
