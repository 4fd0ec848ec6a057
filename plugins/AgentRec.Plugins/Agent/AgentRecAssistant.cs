using System.Text.Json;
using AgentRec.Core.Intent;
using AgentRec.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace AgentRec.Plugins.Agent;

/// <summary>One kernel function the assistant called in a turn, with its arguments and JSON result.</summary>
public sealed record AssistantCall(string Function, IReadOnlyDictionary<string, object?> Arguments, string Result);

/// <summary>A turn of the assistant: what it understood and the functions it called, in order.</summary>
public sealed record AssistantTurn(RecommendationIntent Intent, IReadOnlyList<AssistantCall> Calls);

/// <summary>
/// The assistant as an agent over the kernel's AgentRec functions. Without an LLM a deterministic router maps the
/// parsed intent to functions: similar → similar_items, explain → explain, feedback → record_feedback per named
/// title, recommend/refine → recommend, smalltalk → none. Every call goes through the kernel (so its filters and
/// telemetry see it) and is logged.
/// </summary>
public sealed partial class AgentRecAssistant(Kernel kernel, IIntentParser parser, ILogger<AgentRecAssistant> logger)
{
    /// <summary>Runs one turn for <paramref name="message"/>.</summary>
    public async Task<AssistantTurn> RunTurnAsync(string message, string? userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        var intent = await parser.ParseAsync(message, null, cancellationToken).ConfigureAwait(false);
        var calls = new List<AssistantCall>();
        foreach (var (function, arguments) in Route(intent, message, userId))
        {
            var result = await kernel.InvokeAsync(PluginOf(function), function, new KernelArguments(arguments), cancellationToken).ConfigureAwait(false);
            var json = JsonSerializer.Serialize(result.GetValue<object>());
            var argumentText = JsonSerializer.Serialize(arguments);
            LogCall(logger, function, argumentText);
            calls.Add(new AssistantCall(function, arguments, json));
        }

        return new AssistantTurn(intent, calls);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Assistant called {Function} with {Arguments}")]
    private static partial void LogCall(ILogger logger, string function, string arguments);
}
