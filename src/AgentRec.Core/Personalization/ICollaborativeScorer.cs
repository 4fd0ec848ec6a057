namespace AgentRec.Core.Personalization;

/// <summary>A fitted collaborative-filtering model: fills a score for every item from one user's chronological history.</summary>
public interface ICollaborativeScorer
{
    /// <summary>Short name for tables and logs.</summary>
    string Name { get; }

    /// <summary>Number of items the model scores; <c>scores</c> must have this length.</summary>
    int ItemCount { get; }

    /// <summary>Writes a score (higher is better) for every item into <paramref name="scores"/>; history items are not masked.</summary>
    void Score(UserHistory history, Span<float> scores);
}
