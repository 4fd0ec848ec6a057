namespace AgentRec.Core.Contracts;

/// <summary>Who is asking: their id and what they did before, oldest first.</summary>
public sealed record UserContext(string? UserId, IReadOnlyList<Interaction> History)
{
    /// <summary>A user with no history (anonymous or new).</summary>
    public static UserContext Anonymous { get; } = new(null, []);
}

/// <summary>Adjusts reranked candidates to the user's history; sets <see cref="ScoredCandidate.FinalScore"/>.</summary>
public interface IPersonalizer
{
    /// <summary>The candidates in final order.</summary>
    ValueTask<IReadOnlyList<ScoredCandidate>> PersonalizeAsync(
        UserContext user, RecommendationIntent intent, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken);
}
