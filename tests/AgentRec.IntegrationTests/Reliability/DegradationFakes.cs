using System.Runtime.CompilerServices;
using AgentRec.Core.Explanation;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Stores;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>A language-model intent parser that never answers (a stuck model): it waits until cancelled.</summary>
internal sealed class FakeStuckIntentParser : IIntentParser
{
    public async ValueTask<RecommendationIntent> ParseAsync(string message, RecommendationIntent? previous, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}

/// <summary>A cross-encoder whose model file is broken: every call fails.</summary>
internal sealed class FakeBrokenReranker : IReranker
{
    public ValueTask<IReadOnlyList<ScoredCandidate>> RerankAsync(
        RecommendationIntent intent, string message, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The reranker model could not be run.");
}

/// <summary>An explainer whose model fails before its first token.</summary>
internal sealed class FakeBrokenExplainer : IExplainer
{
    public async IAsyncEnumerable<string> ExplainAsync(ExplanationContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new InvalidOperationException("The explainer model could not be run.");
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }
}

/// <summary>A vector retriever whose store stays unreachable after its retries, while <see cref="Unreachable"/> is set.</summary>
internal sealed class FakeUnreachableIndexRetriever(ICandidateRetriever inner) : ICandidateRetriever
{
    public bool Unreachable { get; set; }

    public ValueTask<IReadOnlyList<ScoredCandidate>> RetrieveAsync(RetrievalQuery query, CancellationToken cancellationToken) =>
        Unreachable
            ? throw new StoreUnavailableException("The vector store did not answer after 3 attempts.")
            : inner.RetrieveAsync(query, cancellationToken);
}
