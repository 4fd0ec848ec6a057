using AgentRec.Core.Intent;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// The optional stages, guarded: a slow or failing parser, reranker or explainer is replaced by its fallback (the rule
/// parser, the retrieval order, the template explainer), logged and counted, and each stage is timed as a span.
/// </summary>
public sealed partial class RecommendationPipeline
{
    // Whichever parser answers, the message is read once here, beside its intent; previousCount is the previous answer's size.
    private async Task<ParsedRequest> ParseGuardedAsync(string message, RecommendationIntent? previous, int previousCount, CancellationToken cancellationToken) =>
        RequestReader.Read(message, await ParseIntentGuardedAsync(message, previous, cancellationToken).ConfigureAwait(false), previousCount);

    private async Task<RecommendationIntent> ParseIntentGuardedAsync(string message, RecommendationIntent? previous, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(parser, fallbackParser))
        {
            return await parser.ParseAsync(message, previous, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.Value.IntentTimeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await parser.ParseAsync(message, previous, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not StoreUnavailableException)
        {
            Degraded("intent", "the rule parser", ex);
            return await fallbackParser.ParseAsync(message, previous, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<ScoredCandidate>> RerankGuardedAsync(
        RecommendationIntent intent, string message, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.Value.RerankTimeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await reranker.RerankAsync(intent, message, candidates, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not StoreUnavailableException)
        {
            Degraded("rerank", "the retrieval order", ex);
            return candidates;
        }
    }

    private async IAsyncEnumerable<string> ExplainGuardedAsync(ExplanationContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.Value.ExplainTimeoutMs), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var produced = false;
        var failed = false;
        var fragments = explainer.ExplainAsync(context, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                string fragment;
                try
                {
                    if (!await fragments.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    fragment = fragments.Current;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Degraded("explain", "the template explainer", ex);
                    failed = true;
                    break;
                }

                produced = true;
                yield return fragment;
            }
        }
        finally
        {
            try
            {
                await fragments.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (failed && ex is not OutOfMemoryException)
            {
                // The explainer already failed; its clean-up failing too changes nothing for the answer.
                logger.FellBack("explain", "the template explainer", "it failed, and so did its clean-up", ex);
            }
        }

        if (failed && !produced && !ReferenceEquals(explainer, fallbackExplainer))
        {
            await foreach (var fragment in fallbackExplainer.ExplainAsync(context, cancellationToken).ConfigureAwait(false))
            {
                yield return fragment;
            }
        }
    }

    private void Degraded(string stage, string fallback, Exception exception)
    {
        AgentRecTelemetry.Degradations.Add(1, new KeyValuePair<string, object?>("stage", stage));
        logger.FellBack(stage, fallback, "it failed or ran out of time", exception);
    }

    private StageScope Stage(string name) => new(name, time, Rehearsing.Value);

    private readonly struct StageScope(string name, TimeProvider time, bool rehearsal) : IDisposable
    {
        private readonly Activity? _activity = rehearsal ? null : AgentRecTelemetry.ActivitySource.StartActivity(name);
        private readonly long _started = time.GetTimestamp();

        public void Dispose()
        {
            if (!rehearsal)
            {
                AgentRecTelemetry.StageDuration.Record(time.GetElapsedTime(_started).TotalMilliseconds, new KeyValuePair<string, object?>("stage", name));
            }

            _activity?.Dispose();
        }
    }
}
