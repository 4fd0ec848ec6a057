using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>
/// <see cref="IChatClient"/> over a <see cref="GenAIEngineModel"/> (the ONNX Runtime GenAI library), with the same
/// contract as <see cref="OnnxGenAIChatClient"/>: the same chat template and tool prompt, <see cref="ChatOptions"/> read
/// by <see cref="ChatOptionsSettings"/> into the library's search options, StopSequences held back and cut here, the
/// caller's cancellation checked between tokens. A JSON ResponseFormat is enforced by the library's guidance: its schema when it has one,
/// otherwise the intent contract's (<see cref="IntentJsonSchema"/>); AdditionalProperties["lark_grammar"] constrains to
/// a Lark grammar instead. A schema or grammar the library rejects (invalid, or unsatisfiable) is an <see cref="LlmConstraintException"/>.
/// The non-streaming answer is the streaming one gathered.
/// </summary>
public sealed class GenAIEngineChatClient : LocalChatClient<GenAIEngineModel>
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of a Lark grammar that constrains the answer.</summary>
    public const string LarkGrammarKey = "lark_grammar";

    /// <summary>A client over <paramref name="model"/>, which it does not dispose; <paramref name="toolPrompt"/> defaults to prompts/tools.yaml, loaded when tools are first used.</summary>
    public GenAIEngineChatClient(GenAIEngineModel model, TimeProvider? timeProvider = null, ChatPrompt? toolPrompt = null)
        : base(model, "onnxruntime-genai", timeProvider, toolPrompt)
    {
    }

    // The library's guidance enforces a JSON ResponseFormat (see GuidanceFor), not the native engine's intent grammar.
    private protected override GenerationSettings SettingsFor(ChatOptions? options) =>
        ChatOptionsSettings.From(options) with { ConstrainToIntentJson = false };

    private protected override IEnumerable<ChatResponseUpdate> Generate(string prompt, ChatOptions? options, GenerationSettings settings,
        StreamedAnswer answer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var generation = new GenAIGeneration(Model, Model.EncodePrompt(prompt), settings, GuidanceFor(options), cancellationToken);
        foreach (var update in generation.Updates(answer))
        {
            yield return update;
        }
    }

    /// <summary>The guidance <paramref name="options"/> ask for: a Lark grammar, a JSON schema (the intent contract's by default), or none.</summary>
    internal static GenAIGuidance? GuidanceFor(ChatOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(LarkGrammarKey, out var lark) == true && lark is string grammar)
        {
            return new GenAIGuidance("lark_grammar", grammar);
        }

        if (options?.ResponseFormat is not ChatResponseFormatJson json)
        {
            return null;
        }

        return json.Schema is { } schema ? new GenAIGuidance("json_schema", Compact(schema)) : new GenAIGuidance("json_schema", IntentJsonSchema.Text);
    }

    // Compact output (no whitespace between tokens) unless the caller's schema says otherwise.
    private static string Compact(JsonElement schema)
    {
        if (JsonNode.Parse(schema.GetRawText()) is JsonObject root && !root.ContainsKey("x-guidance"))
        {
            root["x-guidance"] = new JsonObject { ["whitespace_flexible"] = false };
            return root.ToJsonString();
        }

        return schema.GetRawText();
    }

    private protected override ChatResponseUpdate CallTool(string prompt, IReadOnlyList<AIFunctionDeclaration> tools, GenerationSettings settings,
        StreamedAnswer answer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var alternatives = new JsonArray();
        foreach (var tool in tools)
        {
            alternatives.Add(new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["const"] = tool.Name },
                    ["arguments"] = BoundStrings(JsonNode.Parse(tool.JsonSchema.GetRawText())),
                },
                ["required"] = new JsonArray("name", "arguments"),
                ["additionalProperties"] = false,
            });
        }

        var schema = new JsonObject { ["anyOf"] = alternatives, ["x-guidance"] = new JsonObject { ["whitespace_flexible"] = false } }.ToJsonString();
        using var generation = new GenAIGeneration(Model, Model.EncodePrompt(prompt), settings, new GenAIGuidance("json_schema", schema), cancellationToken);
        var call = ParseCall(string.Concat(generation.Pieces()), tools, answer);
        return answer.Last(call, generation.PromptTokens, generation.OutputTokens, ChatFinishReason.ToolCalls);
    }

    // Strings without a maxLength get the native engine's bound, so a call closes within a small token budget.
    private static JsonNode? BoundStrings(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            if (o["type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == "string" && !o.ContainsKey("maxLength") && !o.ContainsKey("enum"))
            {
                o["maxLength"] = SchemaNode.DefaultMaxLength / 4;
            }

            foreach (var (_, child) in o.ToArray())
            {
                BoundStrings(child);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                BoundStrings(child);
            }
        }

        return node;
    }

    private static FunctionCallContent ParseCall(string json, IReadOnlyList<AIFunctionDeclaration> tools, StreamedAnswer answer)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var name = doc.RootElement.GetProperty("name").GetString();
            var tool = tools.FirstOrDefault(t => t.Name == name)
                ?? throw new LlmConstraintException(json, $"The model named no listed tool ('{name}').");
            return answer.Call(tool.Name, doc.RootElement.GetProperty("arguments"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // The token budget ran out before the call's JSON closed.
            throw new LlmConstraintException(json, $"The tool call did not complete within the token budget: '{json}'.", ex);
        }
    }
}
