namespace AgentRec.Core.Personalization;

/// <summary>The values <see cref="SequentialEaseTuner"/> tries; every combination is scored.</summary>
public sealed record SequentialEaseGrid(
    IReadOnlyList<float> Lambdas,
    IReadOnlyList<RecencyWeighting> Histories,
    IReadOnlyList<double> TransitionTaus,
    IReadOnlyList<float> TransitionWeights,
    IReadOnlyList<float> KnnWeights,
    int TransitionWindow = 5,
    float TransitionDecay = 0.8f)
{
    /// <summary>A small grid around the values that work on MovieLens-sized data; one EASE solve per λ.</summary>
    public static SequentialEaseGrid Default { get; } = new(
        [100f, 400f],
        [
            new RecencyWeighting(RecencyMode.Position, 2, 0.02f),
            new RecencyWeighting(RecencyMode.Position, 4, 0.02f),
            new RecencyWeighting(RecencyMode.Position, 8, 0.02f),
        ],
        [1.0, 2.0],
        [0.5f, 1f, 2f],
        [0f, 0.5f]);

    /// <summary>Number of combinations.</summary>
    public int Size => Lambdas.Count * Histories.Count * TransitionTaus.Count * TransitionWeights.Count * KnnWeights.Count;
}

/// <summary>What the search found: the best options and their validation figures.</summary>
public sealed record SequentialEaseSelection(SequentialEaseOptions Options, double RecallAt10, double NdcgAt10, int Combinations);

/// <summary>
/// Picks the hyper-parameters of <see cref="SequentialEaseScorer"/> on held-out validation items: the histories passed
/// in must end before the validation item, so the test item is never seen.
/// </summary>
public static class SequentialEaseTuner
{
    /// <summary>
    /// Scores every grid combination by Recall@10 + NDCG@10 of <paramref name="targets"/> (one per user of
    /// <paramref name="training"/>; −1 skips a user) ranked against every item outside the user's history.
    /// </summary>
    public static SequentialEaseSelection Select(
        InteractionData training, IReadOnlyList<int> targets, SequentialEaseGrid? grid = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != training.UserCount)
        {
            throw new ArgumentException($"{targets.Count} targets for {training.UserCount} users.", nameof(targets));
        }

        grid ??= SequentialEaseGrid.Default;
        var n = training.ItemCount;
        var gram = ItemSimilarity.Gram(training);
        var cosine = ItemSimilarity.Cosine(gram, n);
        var transitions = ItemTransitions.Build(training, grid.TransitionWindow, grid.TransitionDecay);
        int histories = grid.Histories.Count, taus = grid.TransitionTaus.Count, betas = grid.TransitionWeights.Count, alphas = grid.KnnWeights.Count;
        var perLambda = histories * taus * betas * alphas;
        var hits = new double[grid.Lambdas.Count * perLambda];
        var gains = new double[hits.Length];
        var evaluated = 0;
        var gate = new object();

        for (var l = 0; l < grid.Lambdas.Count; l++)
        {
            progress?.Report(FormattableString.Invariant($"validation search: EASE λ={grid.Lambdas[l]}"));
            var ease = EaseSolver.Solve(gram, n, grid.Lambdas[l]);
            var offset = l * perLambda;
            Parallel.For(
                0,
                training.UserCount,
                () => new Workspace(n, histories, taus, perLambda),
                (u, _, ws) =>
                {
                    var target = targets[u];
                    if (target < 0)
                    {
                        return ws;
                    }

                    var history = training.Users[u];
                    var items = history.Items.Span;
                    var weights = ws.Weights(items.Length);
                    for (var h = 0; h < histories; h++)
                    {
                        grid.Histories[h].Fill(history, weights);
                        SequentialEaseScorer.Components.Linear(ease, n, items, weights, ws.Ease[h]);
                        SequentialEaseScorer.Components.Linear(cosine, n, items, weights, ws.Knn[h]);
                    }

                    for (var t = 0; t < taus; t++)
                    {
                        SequentialEaseScorer.Components.Transitions(transitions, history, grid.TransitionTaus[t], ws.Next[t]);
                    }

                    var c = 0;
                    for (var h = 0; h < histories; h++)
                    {
                        for (var t = 0; t < taus; t++)
                        {
                            for (var b = 0; b < betas; b++)
                            {
                                for (var a = 0; a < alphas; a++, c++)
                                {
                                    var fused = ws.Fused;
                                    TensorPrimitives.MultiplyAdd(ws.Next[t], grid.TransitionWeights[b], ws.Ease[h], fused);
                                    if (grid.KnnWeights[a] != 0f)
                                    {
                                        TensorPrimitives.MultiplyAdd(ws.Knn[h], grid.KnnWeights[a], fused, fused);
                                    }

                                    ScoreRanking.Mask(fused, items);
                                    var rank = ScoreRanking.RankOf(fused, target);
                                    if (rank < 10)
                                    {
                                        ws.Hits[c]++;
                                        ws.Gains[c] += 1.0 / Math.Log2(rank + 2);
                                    }
                                }
                            }
                        }
                    }

                    ws.Users++;
                    return ws;
                },
                ws =>
                {
                    lock (gate)
                    {
                        for (var c = 0; c < perLambda; c++)
                        {
                            hits[offset + c] += ws.Hits[c];
                            gains[offset + c] += ws.Gains[c];
                        }

                        if (offset == 0)
                        {
                            evaluated += ws.Users;
                        }
                    }
                });
        }

        var best = 0;
        for (var c = 1; c < hits.Length; c++)
        {
            if (hits[c] + gains[c] > hits[best] + gains[best])
            {
                best = c;
            }
        }

        var rest = best;
        var alpha = rest % alphas;
        rest /= alphas;
        var beta = rest % betas;
        rest /= betas;
        var tau = rest % taus;
        rest /= taus;
        var hist = rest % histories;
        var lambda = rest / histories;
        var options = new SequentialEaseOptions(
            grid.Lambdas[lambda], grid.Histories[hist], grid.TransitionWeights[beta], grid.TransitionTaus[tau], grid.KnnWeights[alpha],
            grid.TransitionWindow, grid.TransitionDecay);
        var users = Math.Max(1, evaluated);
        return new SequentialEaseSelection(options, hits[best] / users, gains[best] / users, hits.Length);
    }

    private sealed class Workspace
    {
        private float[] _weights = new float[256];

        public Workspace(int n, int histories, int taus, int combinations)
        {
            Ease = new float[histories][];
            Knn = new float[histories][];
            for (var h = 0; h < histories; h++)
            {
                Ease[h] = new float[n];
                Knn[h] = new float[n];
            }

            Next = new float[taus][];
            for (var t = 0; t < taus; t++)
            {
                Next[t] = new float[n];
            }

            Fused = new float[n];
            Hits = new double[combinations];
            Gains = new double[combinations];
        }

        public float[][] Ease { get; }

        public float[][] Knn { get; }

        public float[][] Next { get; }

        public float[] Fused { get; }

        public double[] Hits { get; }

        public double[] Gains { get; }

        public int Users { get; set; }

        public Span<float> Weights(int count)
        {
            if (_weights.Length < count)
            {
                _weights = new float[count * 2];
            }

            return _weights.AsSpan(0, count);
        }
    }
}
