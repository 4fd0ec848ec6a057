using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>
/// The contract both local engines' chat clients keep: the model's chat template and the tool prompt render the
/// messages, the non-streaming answer is the streaming one gathered, and every update names the answer and the model.
/// </summary>
/// <typeparam name="TModel">The loaded model the engine runs.</typeparam>
public abstract class LocalChatClient<TModel> : IChatClient
    where TModel : class, ILocalLlmModel
{
    /// <summary>The tool prompt, relative to the repository root or the app's folder.</summary>
    public const string ToolPromptRelativePath = "prompts/tools.yaml";

    private readonly TimeProvider _time;
    private readonly ChatClientMetadata _metadata;
    private readonly ChatTemplate _template;
    private readonly Lazy<ChatPrompt> _toolPrompt;

    private protected LocalChatClient(TModel model, string providerName, TimeProvider? timeProvider, ChatPrompt? toolPrompt)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _template = model.ChatTemplate;
        _time = timeProvider ?? TimeProvider.System;
        _metadata = new ChatClientMetadata(providerName, new Uri(Path.GetFullPath(model.Folder)), model.Name);
        _toolPrompt = toolPrompt is not null
            ? new Lazy<ChatPrompt>(toolPrompt)
            : new Lazy<ChatPrompt>(() => ChatPrompt.Load(ChatPrompt.Locate(ToolPromptRelativePath)));
    }

    /// <summary>The model this client runs.</summary>
    public TModel Model { get; }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (prompt, tools, answer) = Begin(messages, options);
        var settings = SettingsFor(options);
        await Task.Yield();
        if (tools.Count > 0)
        {
            yield return CallTool(prompt + ChatMessageRendering.ToolCallOpen, tools, settings, answer, cancellationToken);
            yield break;
        }

        foreach (var update in Generate(prompt, options, settings, answer, cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>The generation settings <paramref name="options"/> ask of this engine.</summary>
    private protected abstract GenerationSettings SettingsFor(ChatOptions? options);

    /// <summary>The answer to <paramref name="prompt"/> (which ends with the call's opening) as one call of one of <paramref name="tools"/>.</summary>
    private protected abstract ChatResponseUpdate CallTool(string prompt, IReadOnlyList<AIFunctionDeclaration> tools, GenerationSettings settings,
        StreamedAnswer answer, CancellationToken cancellationToken);

    /// <summary>The text answer to <paramref name="prompt"/>, under the constraint <paramref name="options"/> ask for, if any.</summary>
    private protected abstract IEnumerable<ChatResponseUpdate> Generate(string prompt, ChatOptions? options, GenerationSettings settings,
        StreamedAnswer answer, CancellationToken cancellationToken);

    /// <summary>
    /// The prompt for <paramref name="messages"/>, the tools the answer must call one of, and the answer's identity.
    /// The listing is rendered only when this answer is a call; a text answer after results leaves the context to them.
    /// </summary>
    private protected (string Prompt, IReadOnlyList<AIFunctionDeclaration> Tools, StreamedAnswer Answer) Begin(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var tools = ToolsToCall(list, options);
        var prompt = _template.Render(ChatMessageRendering.Render(list, [.. tools], _toolPrompt));
        return (prompt, tools, new StreamedAnswer(Model.Name, _time.GetUtcNow()));
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

        return serviceType.IsInstanceOfType(Model) ? Model : null;
    }

    /// <summary>Does nothing: the client does not own its model.</summary>
    public void Dispose()
    {
    }
}
