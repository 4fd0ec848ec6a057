using AgentRec.Core.Personalization;

namespace AgentRec.Core.Training;

/// <summary>Top-k accuracy with one held-out item per user, averaged over users.</summary>
public sealed record RankingMetrics(double RecallAt10, double NdcgAt10, double RecallAt20)
{
    /// <summary>Recall@10 of a single held-out item at 0-based <paramref name="rank"/>: 1 when in the top 10.</summary>
    public static double Recall(int rank, int k) => rank < k ? 1 : 0;

    /// <summary>NDCG@k of a single relevant item at 0-based <paramref name="rank"/>: 1/log₂(rank+2) inside the top k (the ideal DCG is 1).</summary>
    public static double Ndcg(int rank, int k) => rank < k ? 1 / Math.Log2(rank + 2) : 0;

    /// <summary>Averages the metrics of the 0-based ranks of each user's held-out item.</summary>
    public static RankingMetrics FromRanks(ReadOnlySpan<int> ranks)
    {
        if (ranks.IsEmpty)
        {
            return new RankingMetrics(0, 0, 0);
        }

        double r10 = 0, n10 = 0, r20 = 0;
        foreach (var rank in ranks)
        {
            r10 += Recall(rank, 10);
            n10 += Ndcg(rank, 10);
            r20 += Recall(rank, 20);
        }

        return new RankingMetrics(r10 / ranks.Length, n10 / ranks.Length, r20 / ranks.Length);
    }

    /// <summary>
    /// Ranks every user's held-out item with <paramref name="scorer"/> against all items outside the history
    /// (users in parallel, one score buffer per thread) and averages the metrics.
    /// </summary>
    public static RankingMetrics Evaluate(ICollaborativeScorer scorer, RankingDataset data, int heldOut, int maxDegreeOfParallelism = -1) =>
        FromRanks(Ranks(scorer, data, heldOut, maxDegreeOfParallelism));

    /// <summary>The 0-based rank of every user's held-out item among the items outside their history.</summary>
    public static int[] Ranks(ICollaborativeScorer scorer, RankingDataset data, int heldOut, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(data);
        var ranks = new int[data.UserCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, data.UserCount, parallel, () => new float[data.ItemCount], (u, _, scores) =>
        {
            var history = data.History(u, heldOut);
            scorer.Score(history, scores);
            ScoreRanking.Mask(scores, history.Items.Span);
            ranks[u] = ScoreRanking.RankOf(scores, data.Target(u, heldOut));
            return scores;
        }, _ => { });
        return ranks;
    }

    /// <summary>Recall@k for k = 1..<paramref name="maxK"/> (element k−1) from the held-out items' ranks.</summary>
    public static double[] RecallCurve(ReadOnlySpan<int> ranks, int maxK = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxK, 1);
        var curve = new double[maxK];
        if (ranks.IsEmpty)
        {
            return curve;
        }

        foreach (var rank in ranks)
        {
            if (rank < maxK)
            {
                curve[rank]++;
            }
        }

        double cumulative = 0;
        for (var k = 0; k < maxK; k++)
        {
            cumulative += curve[k];
            curve[k] = cumulative / ranks.Length;
        }

        return curve;
    }
}
