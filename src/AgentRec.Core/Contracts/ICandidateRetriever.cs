namespace AgentRec.Core.Contracts;

/// <summary>Finds candidate items for an intent: hard filters first, then text and anchor matching.</summary>
public interface ICandidateRetriever
{
    /// <summary>Up to <see cref="RetrievalQuery.Limit"/> candidates that satisfy every hard constraint, best first.</summary>
    ValueTask<IReadOnlyList<ScoredCandidate>> RetrieveAsync(RetrievalQuery query, CancellationToken cancellationToken);
}
