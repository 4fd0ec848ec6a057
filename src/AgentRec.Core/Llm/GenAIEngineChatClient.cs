using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>
/// <see cref="IChatClient"/> over a <see cref="GenAIEngineModel"/> (the ONNX Runtime GenAI library), with the same
/// contract as <see cref="OnnxGenAIChatClient"/>: the same chat template and tool prompt, <see cref="ChatOptions"/>
/// mapped to the library's search options (MaxOutputTokens, Temperature with 0 = greedy, TopP, TopK, Seed,
/// AdditionalProperties["repetition_penalty"]), StopSequences held back and cut here, the caller's cancellation
/// checked between tokens. A JSON ResponseFormat is enforced by the library's guidance: its schema when it has one,
/// otherwise the intent contract's (<see cref="IntentJsonSchema"/>); AdditionalProperties["lark_grammar"] constrains to
/// a Lark grammar instead. A schema or grammar the library rejects (invalid, or unsatisfiable) is an <see cref="LlmConstraintException"/>.
/// The non-streaming answer is the streaming one gathered.
/// </summary>
public sealed class GenAIEngineChatClient : IChatClient
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of a Lark grammar that constrains the answer.</summary>
    public const string LarkGrammarKey = "lark_grammar";

    private readonly GenAIEngineModel _model;
    private readonly TimeProvider _time;
    private readonly ChatClientMetadata _metadata;
    private readonly Lazy<ChatPrompt> _toolPrompt;

    /// <summary>A client over <paramref name="model"/>, which it does not dispose; <paramref name="toolPrompt"/> defaults to prompts/tools.yaml, loaded when tools are first used.</summary>
    public GenAIEngineChatClient(GenAIEngineModel model, TimeProvider? timeProvider = null, ChatPrompt? toolPrompt = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _time = timeProvider ?? TimeProvider.System;
        _metadata = new ChatClientMetadata("onnxruntime-genai", new Uri(Path.GetFullPath(model.Folder)), model.Name);
        _toolPrompt = toolPrompt is not null
            ? new Lazy<ChatPrompt>(toolPrompt)
            : new Lazy<ChatPrompt>(() => ChatPrompt.Load(ChatPrompt.Locate(OnnxGenAIChatClient.ToolPromptRelativePath)));
    }

    /// <summary>The model this client runs.</summary>
    public GenAIEngineModel Model => _model;

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var tools = OnnxGenAIChatClient.ToolsToCall(list, options);
        var prompt = _model.ChatTemplate.Render(ChatMessageRendering.Render(list, [.. tools], _toolPrompt));
        var settings = OnnxGenAIChatClient.ToSettings(options) with { ConstrainToIntentJson = false };
        var responseId = Guid.NewGuid().ToString("N");
        var created = _time.GetUtcNow();
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        if (tools.Count > 0)
        {
            yield return CallTool(prompt + ChatMessageRendering.ToolCallOpen, tools, settings, responseId, created, cancellationToken);
            yield break;
        }

        using var generation = new GenAIGeneration(_model, _model.EncodePrompt(prompt), settings, GuidanceFor(options), cancellationToken);
        while (generation.Next() is { } text)
        {
            if (text.Length > 0)
            {
                yield return Update(text, responseId, created);
            }
        }

        var tail = generation.Finish();
        if (tail.Length > 0)
        {
            yield return Update(tail, responseId, created);
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails
        {
            InputTokenCount = generation.PromptTokens,
            OutputTokenCount = generation.OutputTokens,
            TotalTokenCount = generation.PromptTokens + generation.OutputTokens,
        })])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = _model.Name,
            CreatedAt = created,
            FinishReason = generation.StopReason == GenerationStopReason.MaxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop,
        };
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

    private ChatResponseUpdate CallTool(string prompt, IReadOnlyList<AIFunctionDeclaration> tools, GenerationSettings settings, string responseId,
        DateTimeOffset created, CancellationToken cancellationToken)
    {
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
        using var generation = new GenAIGeneration(_model, _model.EncodePrompt(prompt), settings, new GenAIGuidance("json_schema", schema), cancellationToken);
        var text = new StringBuilder();
        while (generation.Next() is { } piece)
        {
            text.Append(piece);
        }

        text.Append(generation.Finish());
        var call = ParseCall(text.ToString(), tools, responseId);
        return new ChatResponseUpdate(ChatRole.Assistant, [call, new UsageContent(new UsageDetails
        {
            InputTokenCount = generation.PromptTokens,
            OutputTokenCount = generation.OutputTokens,
            TotalTokenCount = generation.PromptTokens + generation.OutputTokens,
        })])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = _model.Name,
            CreatedAt = created,
            FinishReason = ChatFinishReason.ToolCalls,
        };
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

    private static FunctionCallContent ParseCall(string json, IReadOnlyList<AIFunctionDeclaration> tools, string responseId)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var name = doc.RootElement.GetProperty("name").GetString();
            var tool = tools.FirstOrDefault(t => t.Name == name)
                ?? throw new LlmConstraintException(json, $"The model named no listed tool ('{name}').");
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.GetProperty("arguments").EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }

            return new FunctionCallContent("call_" + responseId, tool.Name, arguments);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // The token budget ran out before the call's JSON closed.
            throw new LlmConstraintException(json, $"The tool call did not complete within the token budget: '{json}'.", ex);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return serviceType.IsInstanceOfType(_model) ? _model : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private ChatResponseUpdate Update(string text, string responseId, DateTimeOffset created) => new(ChatRole.Assistant, text)
    {
        ResponseId = responseId,
        MessageId = responseId,
        ModelId = _model.Name,
        CreatedAt = created,
    };
}
