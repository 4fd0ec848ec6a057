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
public sealed class OnnxGenAIChatClient : LocalChatClient<OnnxGenAIModel>
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key for the repetition penalty.</summary>
    public const string RepetitionPenaltyKey = "repetition_penalty";

    /// <summary>A client over <paramref name="model"/>, which it does not dispose; <paramref name="toolPrompt"/> defaults to prompts/tools.yaml, loaded when tools are first used.</summary>
    public OnnxGenAIChatClient(OnnxGenAIModel model, TimeProvider? timeProvider = null, ChatPrompt? toolPrompt = null)
        : base(model, "onnxruntime-genai-layout", timeProvider, toolPrompt)
    {
    }

    private protected override GenerationSettings SettingsFor(ChatOptions? options) => ToSettings(options);

    private protected override IEnumerable<ChatResponseUpdate> Generate(string prompt, ChatOptions? options, GenerationSettings settings,
        StreamedAnswer answer, CancellationToken cancellationToken)
    {
        if (options?.AdditionalProperties?.ContainsKey(GenAIEngineChatClient.LarkGrammarKey) == true)
        {
            throw new LlmConstraintException(Convert.ToString(options.AdditionalProperties[GenAIEngineChatClient.LarkGrammarKey], CultureInfo.InvariantCulture) ?? "",
                "The native engine constrains output to JSON schemas only; a Lark grammar needs Llm:Engine=genai.");
        }

        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema })
        {
            yield return Constrained(prompt, schema, settings, answer, cancellationToken);
            yield break;
        }

        using var generation = Model.StartGeneration(Model.EncodePrompt(prompt), settings, cancellationToken);
        foreach (var update in generation.Updates(answer))
        {
            yield return update;
        }
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

    // An answer under the caller's JSON schema, checked for satisfiability first; one update with its text and usage.
    private ChatResponseUpdate Constrained(string prompt, JsonElement schema, GenerationSettings settings, StreamedAnswer answer, CancellationToken cancellationToken)
    {
        if (SchemaNode.Unsatisfiable(schema) is { } reason)
        {
            throw new LlmConstraintException(schema.GetRawText(), $"No output can satisfy this JSON schema: {reason}.");
        }

        using var generation = new SchemaConstrainedGeneration(Model, Model.EncodePrompt(prompt), SchemaNode.FromSchema(schema), settings, cancellationToken);
        var json = generation.Run();
        var finish = generation.Truncated ? ChatFinishReason.Length : ChatFinishReason.Stop;
        return answer.Last(new TextContent(json), generation.PromptTokens, generation.OutputTokens, finish);
    }

    private protected override ChatResponseUpdate CallTool(string prompt, IReadOnlyList<AIFunctionDeclaration> tools, GenerationSettings settings,
        StreamedAnswer answer, CancellationToken cancellationToken)
    {
        var schema = SchemaNode.ToolCall([.. tools.Select(t => (t.Name, t.JsonSchema))]);
        using var generation = new SchemaConstrainedGeneration(Model, Model.EncodePrompt(prompt), schema, settings, cancellationToken);
        var json = generation.Run();
        var tool = tools[generation.Tool];
        using var doc = JsonDocument.Parse(json);
        var call = answer.Call(tool.Name, doc.RootElement.GetProperty("arguments"));
        return answer.Last(call, generation.PromptTokens, generation.OutputTokens, ChatFinishReason.ToolCalls);
    }
}
