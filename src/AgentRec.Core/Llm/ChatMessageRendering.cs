using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>
/// Chat messages as (role, text) pairs for a model's chat template, the same for both engines: tools listed in the
/// system message (prompts/tools.yaml), calls and results as tagged JSON.
/// </summary>
internal static class ChatMessageRendering
{
    public const string ToolCallOpen = "<tool_call>\n";
    public const string ToolCallClose = "\n</tool_call>";
    public const string ToolResponseOpen = "<tool_response>\n";
    public const string ToolResponseClose = "\n</tool_response>";
    public const int MaxToolResultChars = 1500;

    // Messages as (role, text) for the chat template: tools listed in the system message, calls and results as tagged JSON.
    public static List<(string Role, string Content)> Render(IList<ChatMessage> messages, IReadOnlyList<AIFunctionDeclaration> tools, Lazy<ChatPrompt> toolPrompt)
    {
        var rendered = new List<(string Role, string Content)>(messages.Count + 1);
        foreach (var m in messages)
        {
            var results = m.Contents.OfType<FunctionResultContent>().ToArray();
            if (results.Length > 0)
            {
                var sb = new StringBuilder();
                foreach (var r in results)
                {
                    var json = r.Result is null ? "null" : JsonSerializer.Serialize(r.Result, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object)));
                    sb.Append(ToolResponseOpen).Append(json.Length > MaxToolResultChars ? json[..MaxToolResultChars] : json).Append(ToolResponseClose);
                }

                rendered.Add(("user", sb.ToString()));
                continue;
            }

            var text = m.Text;
            foreach (var call in m.Contents.OfType<FunctionCallContent>())
            {
                text += ToolCallOpen + CallJson(call.Name, call.Arguments) + ToolCallClose;
            }

            rendered.Add((m.Role.Value, text));
        }

        if (tools.Count > 0)
        {
            var listing = string.Join('\n', tools.Select(t => JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["name"] = t.Name,
                ["description"] = t.Description,
                ["parameters"] = t.JsonSchema,
            }, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object>)))));
            var system = string.Join('\n', toolPrompt.Value.Render(new Dictionary<string, string> { ["tools"] = listing }).Select(x => x.Content));
            var at = rendered.FindIndex(x => x.Role == "system");
            if (at >= 0)
            {
                rendered[at] = ("system", rendered[at].Content + "\n\n" + system);
            }
            else
            {
                rendered.Insert(0, ("system", system));
            }
        }

        return rendered;
    }

    public static string CallJson(string name, IDictionary<string, object?>? arguments) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["name"] = name, ["arguments"] = arguments ?? new Dictionary<string, object?>() },
            AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>)));
}
