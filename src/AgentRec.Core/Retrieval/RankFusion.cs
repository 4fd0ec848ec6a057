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

        // A bounded min-heap on (score, index) in two flat arrays, its root the worst kept. Indices arrive in increasing
        // order, so once the heap is full an item must score strictly above the root to enter; the predicate is asked
        // only about such items.
        var heapScores = new double[count];
        var heapIds = new int[count];
        var size = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            if (score <= 0 || (size == count && score <= heapScores[0]) || (include is not null && !include(i)))
            {
                continue;
            }

            if (size < count)
            {
                SiftUp(heapScores, heapIds, size++, score, i);
            }
            else
            {
                SiftDown(heapScores, heapIds, size, score, i);
            }
        }

        // Pop worst first into the back of the result.
        var result = new int[size];
        for (var r = size - 1; r >= 0; r--)
        {
            result[r] = heapIds[0];
            size--;
            if (size > 0)
            {
                SiftDown(heapScores, heapIds, size, heapScores[size], heapIds[size]);
            }
        }

        return result;
    }

    // Worse: a lower score, or the same score at a higher index.
    private static bool Worse(double score, int id, double otherScore, int otherId) =>
        score < otherScore || (score == otherScore && id > otherId);

    private static void SiftUp(double[] scores, int[] ids, int slot, double score, int id)
    {
        while (slot > 0)
        {
            var parent = (slot - 1) >> 1;
            if (!Worse(score, id, scores[parent], ids[parent]))
            {
                break;
            }

            scores[slot] = scores[parent];
            ids[slot] = ids[parent];
            slot = parent;
        }

        scores[slot] = score;
        ids[slot] = id;
    }

    /// <summary>Puts (score, id) at the root of the first <paramref name="size"/> slots and sinks it into place.</summary>
    private static void SiftDown(double[] scores, int[] ids, int size, double score, int id)
    {
        var slot = 0;
        while (true)
        {
            var child = (2 * slot) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && Worse(scores[child + 1], ids[child + 1], scores[child], ids[child]))
            {
                child++;
            }

            if (!Worse(scores[child], ids[child], score, id))
            {
                break;
            }

            scores[slot] = scores[child];
            ids[slot] = ids[child];
            slot = child;
        }

        scores[slot] = score;
        ids[slot] = id;
    }
}
