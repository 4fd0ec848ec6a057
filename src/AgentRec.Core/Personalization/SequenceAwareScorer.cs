namespace AgentRec.Core.Personalization;

/// <summary>Settings of <see cref="SequenceAwareScorer"/>.</summary>
/// <param name="History">Recency weighting of the history fed to item-kNN.</param>
/// <param name="TransitionWeight">Weight of the transition scores against the item-kNN scores (both scaled to a best of 1).</param>
/// <param name="TransitionWindow">How many steps ahead count as a transition (1: strictly the next item).</param>
/// <param name="TransitionDecay">Weight of a transition d steps ahead: decay^(d−1).</param>
/// <param name="TransitionTau">Position decay over the last items whose successors are scored.</param>
public sealed record SequenceAwareOptions(
    RecencyWeighting History,
    float TransitionWeight = 1f,
    int TransitionWindow = 5,
    float TransitionDecay = 0.8f,
    double TransitionTau = 2.0)
{
    /// <summary>Defaults chosen on the validation items of ml-latest-small.</summary>
    public static SequenceAwareOptions Default { get; } = new(new RecencyWeighting(RecencyMode.Position, 2, 0f), 1f);
}

/// <summary>
/// Sequence-aware baseline without training: item-kNN over a recency-weighted history, fused with first-order
/// item-to-item transitions from the last items.
/// </summary>
public sealed class SequenceAwareScorer : ICollaborativeScorer
{
    private readonly SequenceBlend _blend;

    private SequenceAwareScorer(SequenceBlend blend) => _blend = blend;

    /// <inheritdoc />
    public string Name => "sequenceKnn";

    /// <inheritdoc />
    public int ItemCount => _blend.ItemCount;

    /// <summary>Fits cosine similarities and transitions from the training histories.</summary>
    public static SequenceAwareScorer Fit(InteractionData data, SequenceAwareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return FromCosine(data, ItemSimilarity.Cosine(ItemSimilarity.Gram(data), data.ItemCount), options);
    }

    internal static SequenceAwareScorer FromCosine(InteractionData data, float[] cosine, SequenceAwareOptions? options)
    {
        options ??= SequenceAwareOptions.Default;
        var transitions = ItemTransitions.Build(data, options.TransitionWindow, options.TransitionDecay);
        return new SequenceAwareScorer(new SequenceBlend(
            cosine, null, 0f, transitions, options.TransitionWeight, options.TransitionTau, options.History, data.ItemCount));
    }

    /// <inheritdoc />
    public void Score(UserHistory history, Span<float> scores) => _blend.Score(history, scores);
}
