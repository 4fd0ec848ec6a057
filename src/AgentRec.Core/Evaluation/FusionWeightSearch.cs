using AgentRec.Core.Fusion;
using AgentRec.Core.Personalization;
using AgentRec.Core.Training;

namespace AgentRec.Core.Evaluation;

/// <summary>The α and τ picked on validation, with the validation figures of the pick and of CF alone.</summary>
public sealed record FusionSelection(double Alpha, double TauDays, double RecallAt10, double NdcgAt10, double CfRecallAt10, double CfNdcgAt10, int Combinations);

/// <summary>Grid search of the content/CF blend weight α (<see cref="ContentCollaborativeBlend"/>) and the profile decay τ on held-out validation items.</summary>
public static class FusionWeightSearch
{
    /// <summary>The α values tried (0 is CF alone, so the search can always keep it).</summary>
    public static IReadOnlyList<double> DefaultAlphas { get; } = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5];

    /// <summary>The τ values tried, in days (∞: no decay).</summary>
    public static IReadOnlyList<double> DefaultTauDays { get; } = [0.1, 0.5, 1, 7, 30, 365, double.PositiveInfinity];

    /// <summary>
    /// Ranks each user's item held out at <paramref name="heldOut"/> under every (α, τ) and keeps the pair with the best
    /// Recall@10 + NDCG@10; ties keep the smaller α, then the longer τ. <paramref name="collaborative"/> must be fitted on
    /// histories that end before that item.
    /// </summary>
    public static FusionSelection Select(
        ICollaborativeScorer collaborative, RankingContentProfile content, RankingDataset data, int heldOut,
        IReadOnlyList<double>? alphas = null, IReadOnlyList<double>? tauDays = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(collaborative);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(data);
        alphas ??= DefaultAlphas;
        tauDays ??= DefaultTauDays;
        var n = data.ItemCount;
        var ranks = new int[tauDays.Count * alphas.Count][];
        for (var c = 0; c < ranks.Length; c++)
        {
            ranks[c] = new int[data.UserCount];
        }

        var scorers = tauDays.Select(content.WithDecay).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, data.UserCount, parallel, () => (Cf: new float[n], Side: new float[n], Mix: new float[n]), (u, _, ws) =>
        {
            var history = data.History(u, heldOut);
            var items = history.Items.Span;
            var target = data.Target(u, heldOut);
            collaborative.Score(history, ws.Cf);
            UnseenScoreNormalization.Normalize(ws.Cf, items);
            for (var t = 0; t < scorers.Length; t++)
            {
                scorers[t].Score(history, ws.Side);
                UnseenScoreNormalization.Normalize(ws.Side, items);
                for (var a = 0; a < alphas.Count; a++)
                {
                    var alpha = (float)alphas[a];
                    ContentCollaborativeBlend.Mix(ws.Cf, ws.Side, alpha, ws.Mix);
                    ScoreRanking.Mask(ws.Mix, items);
                    ranks[(t * alphas.Count) + a][u] = ScoreRanking.RankOf(ws.Mix, target);
                }
            }

            return ws;
        }, _ => { });

        // Order of preference on ties: smaller α first, then longer τ.
        var best = (Alpha: 0.0, Tau: double.PositiveInfinity, Metrics: new RankingMetrics(-1, -1, -1));
        RankingMetrics? cfOnly = null;
        var alphaOrder = Enumerable.Range(0, alphas.Count).OrderBy(a => alphas[a]).ToArray();
        var tauOrder = Enumerable.Range(0, tauDays.Count).OrderByDescending(t => tauDays[t]).ToArray();
        foreach (var a in alphaOrder)
        {
            foreach (var t in tauOrder)
            {
                var m = RankingMetrics.FromRanks(ranks[(t * alphas.Count) + a]);
                if (alphas[a] == 0)
                {
                    cfOnly ??= m;
                }

                if (m.RecallAt10 + m.NdcgAt10 > best.Metrics.RecallAt10 + best.Metrics.NdcgAt10 + 1e-12)
                {
                    best = (alphas[a], tauDays[t], m);
                }
            }
        }

        cfOnly ??= new RankingMetrics(double.NaN, double.NaN, double.NaN);
        return new FusionSelection(best.Alpha, best.Tau, best.Metrics.RecallAt10, best.Metrics.NdcgAt10, cfOnly.RecallAt10, cfOnly.NdcgAt10, ranks.Length);
    }
}
