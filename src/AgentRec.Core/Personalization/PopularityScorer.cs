namespace AgentRec.Core.Personalization;

/// <summary>Baseline: every user gets the items most users interacted with.</summary>
public sealed class PopularityScorer : ICollaborativeScorer
{
    private readonly float[] _counts;

    private PopularityScorer(float[] counts) => _counts = counts;

    /// <inheritdoc />
    public string Name => "popularity";

    /// <inheritdoc />
    public int ItemCount => _counts.Length;

    /// <summary>Counts the users of every item.</summary>
    public static PopularityScorer Fit(InteractionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var counts = new float[data.ItemCount];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = data.ItemCounts[i];
        }

        return new PopularityScorer(counts);
    }

    /// <inheritdoc />
    public void Score(UserHistory history, Span<float> scores) => _counts.CopyTo(scores);
}
