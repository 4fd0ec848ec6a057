namespace AgentRec.Core.Fusion;

/// <summary>Reciprocal-rank fusion of rankings: each ranking adds weight / (k + rank) to its items (rank from 1).</summary>
public static class ReciprocalRankFusion
{
    /// <summary>The conventional RRF constant.</summary>
    public const double DefaultK = 60;

    /// <summary>Adds the RRF contribution of <paramref name="ranking"/> (best first) into <paramref name="fused"/>.</summary>
    public static void Add(IReadOnlyList<int> ranking, double weight, Span<double> fused, double k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        for (var r = 0; r < ranking.Count; r++)
        {
            fused[ranking[r]] += weight / (k + r + 1);
        }
    }
}
