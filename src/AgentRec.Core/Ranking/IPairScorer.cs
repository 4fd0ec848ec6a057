namespace AgentRec.Core.Ranking;

/// <summary>Scores (query, text) pairs: the relevance of each candidate text to one query, higher is better.</summary>
public interface IPairScorer
{
    /// <summary>One score per text, in input order.</summary>
    double[] Score(string query, IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
