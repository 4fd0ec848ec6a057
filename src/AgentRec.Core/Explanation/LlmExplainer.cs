using System.Diagnostics.Metrics;
using AgentRec.Core.Catalog;
using AgentRec.Core.Llm;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Explanation;

/// <summary>
/// The explainer over a chat model: the prompt (prompts/explain.yaml) lists only facts gathered from the data, and the
/// model's streamed answer passes a grounding guard sentence by sentence. A sentence is emitted only once it is
/// complete and the guard found every title, year, number and genre it names in the facts; filler sentences that state
/// no fact are dropped. The first unsupported sentence stops generation: when nothing was emitted yet the template
/// explanation is streamed instead, otherwise the answer ends with the sentences already checked. Either way no
/// unsupported claim reaches the client. Rejections are logged and counted (agentrec.explainer.guard).
/// </summary>
public sealed partial class LlmExplainer(
    IChatClient client, ChatPrompt prompt, ItemCatalog? catalog, IExplainer fallback, ILogger<LlmExplainer> logger, int? seed = null) : IExplainer
{
    /// <summary>The prompt file, relative to the repository root or the app's folder.</summary>
    public const string PromptRelativePath = "prompts/explain.yaml";

    // What answers when the LLM's explanation is not used, as the fall-back event names it.
    private const string TemplateExplanation = "the template explanation";

    private static readonly Counter<long> GuardOutcomes =
        AgentRecTelemetry.Meter.CreateCounter<long>("agentrec.explainer.guard", description: "LLM explanations the grounding guard cut short or replaced by the template");

    private readonly IChatClient _client = client ?? throw new ArgumentNullException(nameof(client));
    private readonly ChatPrompt _prompt = prompt ?? throw new ArgumentNullException(nameof(prompt));
    private readonly IExplainer _fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));
    private readonly ILogger<LlmExplainer> _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ExplainAsync(ExplanationContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = ExplanationFacts.Gather(context, catalog);
        var guard = new LlmGroundingGuard(facts);
        var messages = _prompt.Render(new Dictionary<string, string>
        {
            ["language"] = context.Language == Language.Chinese ? "Chinese (zh)" : "English (en)",
            ["request"] = context.Message,
            ["facts"] = facts.ToPromptText(),
        }).Select(m => new ChatMessage(new ChatRole(m.Role), m.Content)).ToList();
        var options = new ChatOptions
        {
            Temperature = _prompt.Temperature,
            TopP = _prompt.TopP,
            MaxOutputTokens = _prompt.MaxTokens,
            StopSequences = _prompt.StopSequences.Count > 0 ? [.. _prompt.StopSequences] : null,
            Seed = seed,
        };

        var emitted = 0;
        var rejected = false;
        var buffer = new StringBuilder();
        await using (var updates = _client.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (!rejected)
            {
                bool more;
                try
                {
                    more = await updates.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.FellBack("explain", TemplateExplanation, "the LLM failed", ex);
                    break;
                }

                if (more)
                {
                    buffer.Append(updates.Current.Text);
                }

                while (!rejected && TakeSentence(buffer, flush: !more) is { } sentence)
                {
                    switch (guard.Check(sentence))
                    {
                        case GroundingVerdict.Supported:
                            emitted++;
                            yield return (emitted > 1 && context.Language != Language.Chinese ? " " : "") + sentence;
                            break;
                        case GroundingVerdict.Unsupported:
                            rejected = true;
                            LogRejected(_logger, guard.LastReason ?? "", emitted);
                            break;
                    }
                }

                if (!more)
                {
                    break;
                }
            }
        }

        if (emitted > 0)
        {
            if (rejected)
            {
                GuardOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", "truncated"));
            }

            yield break;
        }

        GuardOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", rejected ? "rejected" : "empty"));
        _logger.FellBack("explain", TemplateExplanation, rejected ? "the LLM explanation made an unsupported claim" : "the LLM explanation had no grounded sentence");
        await foreach (var fragment in _fallback.ExplainAsync(context, cancellationToken).ConfigureAwait(false))
        {
            yield return fragment;
        }
    }

    /// <summary>Removes and returns the first complete sentence of <paramref name="buffer"/> (trimmed), or null; with <paramref name="flush"/> the rest counts as one.</summary>
    internal static string? TakeSentence(StringBuilder buffer, bool flush)
    {
        while (true)
        {
            var end = -1;
            for (var i = 0; i < buffer.Length; i++)
            {
                var c = buffer[i];
                if (c is '。' or '！' or '？' or '\n' or '!' or '?' or ';' or '；')
                {
                    end = i + 1;
                    break;
                }

                // A full stop ends a sentence only before whitespace, so "4.2/5" stays whole; at the buffer's end, wait.
                if (c == '.' && i + 1 < buffer.Length && char.IsWhiteSpace(buffer[i + 1]))
                {
                    end = i + 1;
                    break;
                }
            }

            if (end < 0)
            {
                if (!flush || buffer.Length == 0)
                {
                    return null;
                }

                end = buffer.Length;
            }

            var sentence = buffer.ToString(0, end).Trim();
            buffer.Remove(0, end);
            if (sentence.Length > 0)
            {
                return sentence;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM explanation sentence rejected by the grounding guard ({Reason}) after {Emitted} checked sentences")]
    private static partial void LogRejected(ILogger logger, string reason, int emitted);
}
