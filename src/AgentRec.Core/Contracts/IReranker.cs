namespace AgentRec.Core.Contracts;

/// <summary>Orders retrieved candidates by relevance to the request; sets <see cref="ScoredCandidate.RerankScore"/>.</summary>
public interface IReranker
{
    /// <summary>The candidates, best first.</summary>
    ValueTask<IReadOnlyList<ScoredCandidate>> RerankAsync(
        RecommendationIntent intent, string message, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken);
}
