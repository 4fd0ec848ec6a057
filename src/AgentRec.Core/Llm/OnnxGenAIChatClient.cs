using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>
/// <see cref="IChatClient"/> over a local <see cref="OnnxGenAIModel"/>, so Microsoft.Extensions.AI and Semantic Kernel
/// use it like any chat service. <see cref="ChatOptions"/> map to generation settings as <see cref="ChatOptionsSettings"/>
/// says; a JSON ResponseFormat constrains the output to the intent contract's JSON, or to its schema when it has one (an
/// unsatisfiable schema is an <see cref="LlmConstraintException"/>).
/// Tools: when <see cref="ChatOptions.Tools"/> holds functions, they are listed in the system message (prompts/tools.yaml)
/// and, unless the tool mode is none or the last message is a function result (then the model answers in text), the
/// answer is decoded under a grammar that admits only <c>{"name":…,"arguments":{…}}</c> naming a listed function with
/// arguments valid against its schema, returned as <see cref="FunctionCallContent"/> (one call per answer). A text
/// answer after function results is prompted without the listing, so a small context holds the results.
/// The non-streaming answer is the streaming one gathered, so both give the same text.
/// </summary>
public sealed class OnnxGenAIChatClient : LocalChatClient<OnnxGenAIModel>
{
    /// <summary>A client over <paramref name="model"/>, which it does not dispose; <paramref name="toolPrompt"/> defaults to prompts/tools.yaml, loaded when tools are first used.</summary>
    public OnnxGenAIChatClient(OnnxGenAIModel model, TimeProvider? timeProvider = null, ChatPrompt? toolPrompt = null)
        : base(model, "onnxruntime-genai-layout", timeProvider, toolPrompt)
    {
    }

    private protected override GenerationSettings SettingsFor(ChatOptions? options) => ChatOptionsSettings.From(options);

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
