using AgentRec.Core.Fusion;

namespace AgentRec.Core.Personalization;

/// <summary>Hyper-parameters of <see cref="SequentialEaseScorer"/>.</summary>
/// <param name="Lambda">L2 regularisation λ of EASE.</param>
/// <param name="History">Recency weighting of the history fed to EASE and item-kNN.</param>
/// <param name="TransitionWeight">Weight of the transition scores (each part is scaled to a best of 1 before fusion).</param>
/// <param name="TransitionTau">Position decay over the last items whose successors are scored.</param>
/// <param name="KnnWeight">Weight of recency-weighted item-kNN scores; 0 leaves item-kNN out.</param>
/// <param name="TransitionWindow">How many steps ahead count as a transition.</param>
/// <param name="TransitionDecay">Weight of a transition d steps ahead: decay^(d−1).</param>
public sealed record SequentialEaseOptions(
    float Lambda,
    RecencyWeighting History,
    float TransitionWeight,
    double TransitionTau,
    float KnnWeight = 0f,
    int TransitionWindow = 5,
    float TransitionDecay = 0.8f)
{
    /// <summary>Values the validation search settles on for ml-latest-small; used when no search is run.</summary>
    public static SequentialEaseOptions Default { get; } =
        new(100f, new RecencyWeighting(RecencyMode.Position, 8, 0.02f), 1f, 2.0, 0.5f);

    /// <summary>One line for logs and reports.</summary>
    public string Describe() =>
        FormattableString.Invariant(
            $"λ={Lambda:0.##}, history={History.Mode} τ={History.Tau:0.##} floor={History.Floor:0.##}, transitions×{TransitionWeight:0.##} (τ={TransitionTau:0.##}, window={TransitionWindow}), kNN×{KnnWeight:0.##}");
}

/// <summary>
/// The product ranker: EASE (closed-form linear item-item model) applied to a recency-weighted history, fused with
/// recency-weighted item-kNN and first-order transitions from the last items.
/// </summary>
public sealed class SequentialEaseScorer : ICollaborativeScorer
{
    private readonly SequenceBlend _blend;

    private SequentialEaseScorer(SequenceBlend blend, SequentialEaseOptions options)
    {
        _blend = blend;
        Options = options;
    }

    /// <inheritdoc />
    public string Name => "sequentialEase";

    /// <inheritdoc />
    public int ItemCount => _blend.ItemCount;

    /// <summary>The hyper-parameters the model was fitted with.</summary>
    public SequentialEaseOptions Options { get; }

    /// <summary>Fits EASE, item similarities and transitions from the training histories.</summary>
    public static SequentialEaseScorer Fit(InteractionData data, SequentialEaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var gram = ItemSimilarity.Gram(data);
        var cosine = (options ?? SequentialEaseOptions.Default).KnnWeight != 0f ? ItemSimilarity.Cosine(gram, data.ItemCount) : null;
        return Fit(data, gram, cosine, options);
    }

    internal static SequentialEaseScorer Fit(InteractionData data, float[] gram, float[]? cosine, SequentialEaseOptions? options)
    {
        options ??= SequentialEaseOptions.Default;
        if (options.KnnWeight != 0f && cosine is null)
        {
            throw new ArgumentException("A kNN weight needs the cosine similarities.", nameof(cosine));
        }

        var ease = EaseSolver.Solve(gram, data.ItemCount, options.Lambda);
        var transitions = ItemTransitions.Build(data, options.TransitionWindow, options.TransitionDecay);
        var knn = options.KnnWeight != 0f ? cosine : null;
        return new SequentialEaseScorer(
            new SequenceBlend(ease, knn, options.KnnWeight, transitions, options.TransitionWeight, options.TransitionTau, options.History, data.ItemCount), options);
    }

    /// <inheritdoc />
    public void Score(UserHistory history, Span<float> scores) => _blend.Score(history, scores);

    /// <summary>The normalised parts the scorer adds up; shared with the sequence-aware kNN scorer and the hyper-parameter search.</summary>
    internal static class Components
    {
        public static void Linear(float[] matrix, int n, ReadOnlySpan<int> items, ReadOnlySpan<float> weights, Span<float> scores)
        {
            scores.Clear();
            SimilarityRowFusion.AddRows(matrix, n, items, weights, scores);
            UnseenScoreNormalization.Normalize(scores, items);
        }

        public static void Transitions(ItemTransitions transitions, UserHistory history, double tau, Span<float> scores)
        {
            transitions.Score(history, tau, scores);
            UnseenScoreNormalization.Normalize(scores, history.Items.Span);
        }
    }
}
