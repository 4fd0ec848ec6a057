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
        var heap = new PriorityQueue<int, (double Score, int NegIndex)>(count + 1);
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] <= 0 || (include is not null && !include(i)))
            {
                continue;
            }

            var key = (scores[i], -i);
            if (heap.Count < count)
            {
                heap.Enqueue(i, key);
            }
            else if (heap.TryPeek(out _, out var worst) && key.CompareTo(worst) > 0)
            {
                heap.DequeueEnqueue(i, key);
            }
        }

        var result = new int[heap.Count];
        for (var r = result.Length - 1; r >= 0; r--)
        {
            result[r] = heap.Dequeue();
        }

        return result;
    }
}
