namespace AgentRec.Core.Retrieval;

/// <summary>Reciprocal-rank fusion: each ranking adds weight / (k + rank) to its items (rank from 1).</summary>
public static class RankFusion
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

    /// <summary>The indices of the <paramref name="count"/> highest positive scores, best first (ties by lower index).</summary>
    public static int[] Top(ReadOnlySpan<double> scores, int count, Func<int, bool>? include = null)
    {
        if (count <= 0)
        {
            return [];
        }

        // The predicate is asked only about items that would enter the top list.
        var top = new TopK(count);
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            if (score <= 0 || !top.Admits(i, score) || (include is not null && !include(i)))
            {
                continue;
            }

            top.Offer(i, score);
        }

        var kept = top.Drain();
        var result = new int[kept.Length];
        for (var r = 0; r < kept.Length; r++)
        {
            result[r] = kept[r].Index;
        }

        return result;
    }
}
