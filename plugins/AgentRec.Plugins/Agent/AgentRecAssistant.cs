using System.Text.Json;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Llm;
using AgentRec.Core.Pipeline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace AgentRec.Plugins.Agent;

/// <summary>One kernel function the assistant called in a turn, with its arguments and JSON result.</summary>
public sealed record AssistantCall(string Function, IReadOnlyDictionary<string, object?> Arguments, string Result);

/// <summary>A turn of the assistant: what it understood and the functions it called, in order.</summary>
public sealed record AssistantTurn(RecommendationIntent Intent, IReadOnlyList<AssistantCall> Calls)
{
    /// <summary>The model's answer from the results (LLM path only).</summary>
    public string? Reply { get; init; }

    /// <summary>"llm" when the model chose the calls, "router" when the deterministic router did.</summary>
    public string ChosenBy { get; init; } = AgentRecAssistant.RouterPath;
}

/// <summary>
/// The assistant as an agent over the kernel's AgentRec functions. With a chat client (the LLM path) the model
/// chooses each turn which function to call, by constrained tool calling over the kernel's functions (prompts/assistant.yaml),
/// and answers from the results; the user id is the turn's, never the model's. Without one a deterministic router maps the
/// parsed intent to functions: similar → similar_items, explain → explain, feedback → record_feedback per named
/// title, recommend/refine → recommend, smalltalk → none. Every call goes through the kernel (so its filters and
/// telemetry see it) and is logged on both paths.
/// </summary>
public sealed partial class AgentRecAssistant(Kernel kernel, IIntentParser parser, ILogger<AgentRecAssistant> logger,
    IChatClient? chatClient = null, ChatPrompt? prompt = null)
{
    public const string RouterPath = "router";
    public const string LlmPath = "llm";

    /// <summary>The prompt file of the LLM path, relative to the repository root or the app's folder.</summary>
    public const string PromptRelativePath = "prompts/assistant.yaml";

    /// <summary>The most model rounds (call, results, next call or answer) in one turn.</summary>
    public const int MaxRounds = 3;

    private const string UserIdParameter = "user_id";

    /// <summary>Runs one turn for <paramref name="message"/>.</summary>
    public async Task<AssistantTurn> RunTurnAsync(string message, string? userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        var intent = await parser.ParseAsync(message, null, cancellationToken).ConfigureAwait(false);
        if (chatClient is not null)
        {
            return await RunLlmTurnAsync(chatClient, intent, message, userId, cancellationToken).ConfigureAwait(false);
        }

        var calls = new List<AssistantCall>();
        foreach (var (function, arguments) in Route(intent, message, userId))
        {
            var result = await kernel.InvokeAsync(PluginOf(function), function, new KernelArguments(arguments), cancellationToken).ConfigureAwait(false);
            var json = JsonSerializer.Serialize(result.GetValue<object>());
            var argumentText = JsonSerializer.Serialize(arguments);
            LogCall(logger, RouterPath, function, argumentText);
            calls.Add(new AssistantCall(function, arguments, json));
        }

        return new AssistantTurn(intent, calls);
    }

    private async Task<AssistantTurn> RunLlmTurnAsync(IChatClient client, RecommendationIntent intent, string message, string? userId, CancellationToken cancellationToken)
    {
        var functions = new Dictionary<string, KernelFunction>(StringComparer.Ordinal);
        var tools = new List<AITool>();
        foreach (var plugin in kernel.Plugins)
        {
            foreach (var function in plugin)
            {
                // Declarations only: the assistant invokes through the kernel itself, so nothing else runs a call.
                var tool = AIFunctionFactory.CreateDeclaration(function.Name, function.Description, ((AIFunction)function).JsonSchema);
                functions[tool.Name] = function;
                tools.Add(tool);
            }
        }

        var chatPrompt = prompt ?? ChatPrompt.Load(ChatPrompt.Locate(PromptRelativePath));
        var messages = chatPrompt.Render(new Dictionary<string, string> { ["message"] = message })
            .Select(m => new ChatMessage(new ChatRole(m.Role), m.Content)).ToList();
        var calls = new List<AssistantCall>();
        string? reply = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            var options = new ChatOptions
            {
                Tools = tools,
                ToolMode = round == 0 ? ChatToolMode.RequireAny : round == MaxRounds - 1 ? ChatToolMode.None : ChatToolMode.Auto,
                Temperature = chatPrompt.Temperature,
                TopP = chatPrompt.TopP,
                MaxOutputTokens = chatPrompt.MaxTokens,
            };
            var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            messages.AddRange(response.Messages);
            var requested = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToArray();
            if (requested.Length == 0)
            {
                reply = response.Text;
                break;
            }

            var results = new List<AIContent>();
            foreach (var call in requested)
            {
                var (record, result) = await InvokeAsync(functions, call, userId, cancellationToken).ConfigureAwait(false);
                calls.Add(record);
                results.Add(new FunctionResultContent(call.CallId, result));
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }

        return new AssistantTurn(intent, calls) { Reply = reply, ChosenBy = LlmPath };
    }

    // Invokes one model-chosen call through the kernel; an unknown function or a failing call becomes an error result the model sees.
    private async Task<(AssistantCall Call, string Result)> InvokeAsync(Dictionary<string, KernelFunction> functions, FunctionCallContent call, string? userId,
        CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?>(call.Arguments ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        if (!functions.TryGetValue(call.Name, out var function))
        {
            var unknown = JsonSerializer.Serialize(new { error = $"No function is named '{call.Name}'." });
            var text = JsonSerializer.Serialize(arguments);
            LogCall(logger, LlmPath, call.Name, text);
            return (new AssistantCall(call.Name, arguments, unknown), unknown);
        }

        if (function.Metadata.Parameters.Any(p => p.Name == UserIdParameter))
        {
            arguments[UserIdParameter] = userId;
        }

        var argumentText = JsonSerializer.Serialize(arguments);
        LogCall(logger, LlmPath, function.Name, argumentText);
        string json;
        try
        {
            var result = await kernel.InvokeAsync(function, new KernelArguments(arguments), cancellationToken).ConfigureAwait(false);
            json = JsonSerializer.Serialize(result.GetValue<object>());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCallFailed(logger, function.Name, ex.InnerException?.Message ?? ex.Message);
            json = JsonSerializer.Serialize(new { error = ex.InnerException?.Message ?? ex.Message });
        }

        return (new AssistantCall(function.Name, arguments, json), json);
    }

    /// <summary>The calls the deterministic router makes for an intent, in order.</summary>
    public static IReadOnlyList<(string Function, Dictionary<string, object?> Arguments)> Route(RecommendationIntent intent, string message, string? userId)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var resolved = intent.SimilarTo.Where(t => t.ItemId is not null).Select(t => t.ItemId!).ToArray();
        switch (intent.Action)
        {
            case IntentActions.Smalltalk:
                return [];
            case IntentActions.Explain when resolved.Length > 0:
                return [.. resolved.Select(id => ("explain", new Dictionary<string, object?> { ["item_id"] = id, ["user_id"] = userId }))];
            case IntentActions.Feedback when resolved.Length > 0 && userId is not null:
                var signal = FeedbackCues.SignalOf(message);
                return [.. resolved.Select(id => ("record_feedback", new Dictionary<string, object?> { ["user_id"] = userId, ["item_id"] = id, ["signal"] = signal }))];
            case IntentActions.Similar when resolved.Length == 1 && intent.Genres.Count == 0 && intent.YearFrom is null && intent.YearTo is null:
                return [("similar_items", new Dictionary<string, object?> { ["title_or_id"] = resolved[0], ["count"] = intent.Count })];
            default:
                return [("recommend", new Dictionary<string, object?> { ["request"] = message, ["user_id"] = userId, ["count"] = intent.Count })];
        }
    }

    private static string PluginOf(string function) => function is "search_catalog" or "rerank" ? "catalog" : "agentrec";

    [LoggerMessage(Level = LogLevel.Information, Message = "Assistant ({Path}) called {Function} with {Arguments}")]
    private static partial void LogCall(ILogger logger, string path, string function, string arguments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assistant call of {Function} failed: {Error}")]
    private static partial void LogCallFailed(ILogger logger, string function, string error);
}
