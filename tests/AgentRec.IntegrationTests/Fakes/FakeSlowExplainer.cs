using System.Runtime.CompilerServices;
using AgentRec.Core.Explanation;

namespace AgentRec.IntegrationTests.Fakes;

/// <summary>
/// The template explainer slowed to one fragment every 300 ms, so a test can act while an answer streams;
/// <see cref="Cancelled"/> completes when the server cancels a running explanation.
/// </summary>
internal sealed class FakeSlowExplainer : IExplainer
{
    private readonly TemplateExplainer _inner = new();
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Cancelled => _cancelled.Task;

    public async IAsyncEnumerable<string> ExplainAsync(ExplanationContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => _cancelled.TrySetResult());
        await foreach (var fragment in _inner.ExplainAsync(context, cancellationToken))
        {
            yield return fragment;
            await Task.Delay(300, cancellationToken);
        }
    }
}
