using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>
/// <see cref="IChatClient"/> over a local <see cref="OnnxGenAIModel"/>, so Microsoft.Extensions.AI and Semantic Kernel
/// use it like any chat service. <see cref="ChatOptions"/> map to generation settings: MaxOutputTokens, Temperature
/// (0 = greedy), TopP, TopK, Seed, StopSequences, AdditionalProperties["repetition_penalty"]; a JSON ResponseFormat
/// constrains the output to the intent contract's JSON, or to its schema when it has one (an unsatisfiable schema is an
/// <see cref="LlmConstraintException"/>).
/// Tools: when <see cref="ChatOptions.Tools"/> holds functions, they are listed in the system message (prompts/tools.yaml)
/// and, unless the tool mode is none or the last message is a function result (then the model answers in text), the
/// answer is decoded under a grammar that admits only <c>{"name":…,"arguments":{…}}</c> naming a listed function with
/// arguments valid against its schema, returned as <see cref="FunctionCallContent"/> (one call per answer). A text
/// answer after function results is prompted without the listing, so a small context holds the results.
/// The non-streaming answer is the streaming one gathered, so both give the same text.
/// </summary>
public sealed class OnnxGenAIChatClient : IChatClient
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key for the repetition penalty.</summary>
    public const string RepetitionPenaltyKey = "repetition_penalty";

    /// <summary>The tool prompt, relative to the repository root or the app's folder.</summary>
    public const string ToolPromptRelativePath = "prompts/tools.yaml";


    private readonly OnnxGenAIModel _model;
    private readonly TimeProvider _time;
    private readonly ChatClientMetadata _metadata;
    private readonly Lazy<ChatPrompt> _toolPrompt;

    /// <summary>A client over <paramref name="model"/>, which it does not dispose; <paramref name="toolPrompt"/> defaults to prompts/tools.yaml, loaded when tools are first used.</summary>
    public OnnxGenAIChatClient(OnnxGenAIModel model, TimeProvider? timeProvider = null, ChatPrompt? toolPrompt = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _time = timeProvider ?? TimeProvider.System;
        _metadata = new ChatClientMetadata("onnxruntime-genai-layout", new Uri(Path.GetFullPath(model.Folder)), model.Name);
        _toolPrompt = toolPrompt is not null ? new Lazy<ChatPrompt>(toolPrompt) : new Lazy<ChatPrompt>(() => ChatPrompt.Load(ChatPrompt.Locate(ToolPromptRelativePath)));
    }

    /// <summary>The model this client runs.</summary>
    public OnnxGenAIModel Model => _model;

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var tools = ToolsToCall(list, options);
        // The listing is needed only when this answer is a call; a text answer after results leaves the context to them.
        var prompt = _model.ChatTemplate.Render(ChatMessageRendering.Render(list, [.. tools], _toolPrompt));
        var settings = ToSettings(options);
        var responseId = Guid.NewGuid().ToString("N");
        var created = _time.GetUtcNow();
        await Task.Yield();
        if (tools.Count > 0)
        {
            yield return CallTool(prompt + ChatMessageRendering.ToolCallOpen, tools, settings, responseId, created, cancellationToken);
            yield break;
        }

        if (options?.AdditionalProperties?.ContainsKey(GenAIEngineChatClient.LarkGrammarKey) == true)
        {
            throw new LlmConstraintException(Convert.ToString(options.AdditionalProperties[GenAIEngineChatClient.LarkGrammarKey], CultureInfo.InvariantCulture) ?? "",
                "The native engine constrains output to JSON schemas only; a Lark grammar needs Llm:Engine=genai.");
        }

        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
        {
            yield return Constrained(prompt, schema, settings, responseId, created, cancellationToken);
            yield break;
        }

        using var generation = _model.StartGeneration(_model.EncodePrompt(prompt), settings, cancellationToken);
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

        var final = new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails
        {
            InputTokenCount = generation.PromptTokens,
            OutputTokenCount = generation.Tokens.Count,
            TotalTokenCount = generation.PromptTokens + generation.Tokens.Count,
        })])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = _model.Name,
            CreatedAt = created,
            FinishReason = generation.StopReason == GenerationStopReason.MaxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop,
        };
        yield return final;
    }

    /// <summary>The generation settings <paramref name="options"/> ask for.</summary>
    public static GenerationSettings ToSettings(ChatOptions? options)
    {
        if (options is null)
        {
            return new GenerationSettings();
        }

        float? penalty = null;
        if (options.AdditionalProperties?.TryGetValue(RepetitionPenaltyKey, out var value) == true && value is not null)
        {
            penalty = Convert.ToSingle(value, CultureInfo.InvariantCulture);
        }

        return new GenerationSettings
        {
            MaxNewTokens = options.MaxOutputTokens,
            Temperature = options.Temperature,
            DoSample = options.Temperature is { } t ? t > 0 : null,
            TopP = options.TopP,
            TopK = options.TopK,
            Seed = options.Seed is { } seed ? unchecked((int)seed) : null,
            StopSequences = options.StopSequences is { } stops ? [.. stops] : [],
            RepetitionPenalty = penalty,
            ConstrainToIntentJson = options.ResponseFormat is ChatResponseFormatJson { Schema: null },
        };
    }

    /// <summary>The functions the answer must call one of: none when the options allow no tools or the last message is a function result.</summary>
    internal static IReadOnlyList<AIFunctionDeclaration> ToolsToCall(IList<ChatMessage> messages, ChatOptions? options)
    {
        var declared = options?.Tools?.OfType<AIFunctionDeclaration>().ToArray() ?? [];
        if (declared.Length == 0 || options!.ToolMode is NoneChatToolMode)
        {
            return [];
        }

        if (options.ToolMode is RequiredChatToolMode required)
        {
            return required.RequiredFunctionName is { } name ? [.. declared.Where(t => t.Name == name)] : declared;
        }

        var answered = messages.Count > 0 && messages[^1].Contents.Any(c => c is FunctionResultContent);
        return answered ? [] : declared;
    }

    // An answer under the caller's JSON schema, checked for satisfiability first; one update with its text and usage.
    private ChatResponseUpdate Constrained(string prompt, JsonElement schema, GenerationSettings settings, string responseId, DateTimeOffset created,
        CancellationToken cancellationToken)
    {
        if (SchemaNode.Unsatisfiable(schema) is { } reason)
        {
            throw new LlmConstraintException(schema.GetRawText(), $"No output can satisfy this JSON schema: {reason}.");
        }

        using var generation = new SchemaConstrainedGeneration(_model, _model.EncodePrompt(prompt), SchemaNode.FromSchema(schema), settings, cancellationToken);
        var json = generation.Run();
        return new ChatResponseUpdate(ChatRole.Assistant, [new TextContent(json), new UsageContent(new UsageDetails
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
            FinishReason = generation.Truncated ? ChatFinishReason.Length : ChatFinishReason.Stop,
        };
    }

    private ChatResponseUpdate CallTool(string prompt, IReadOnlyList<AIFunctionDeclaration> tools, GenerationSettings settings, string responseId,
        DateTimeOffset created, CancellationToken cancellationToken)
    {
        var schema = SchemaNode.ToolCall([.. tools.Select(t => (t.Name, t.JsonSchema))]);
        using var generation = new SchemaConstrainedGeneration(_model, _model.EncodePrompt(prompt), schema, settings, cancellationToken);
        var json = generation.Run();
        var tool = tools[generation.Tool];
        using var doc = JsonDocument.Parse(json);
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.GetProperty("arguments").EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        var call = new FunctionCallContent("call_" + responseId, tool.Name, arguments);
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
