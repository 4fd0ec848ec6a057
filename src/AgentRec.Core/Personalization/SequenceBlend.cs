namespace AgentRec.Core.Personalization;

/// <summary>
/// How the sequence scorers score a history: the recency-weighted history through a main item-item matrix (EASE, or
/// cosine for item-kNN), plus item-kNN rows times their weight when given, plus first-order transitions from the last
/// items times theirs; each part normalised (<see cref="SequentialEaseScorer.Components"/>) before it is added.
/// </summary>
internal sealed class SequenceBlend(
    float[] main, float[]? knn, float knnWeight, ItemTransitions transitions, float transitionWeight, double transitionTau, RecencyWeighting recency, int n)
{
    /// <summary>Items scored: the width of the matrices.</summary>
    public int ItemCount => n;

    /// <summary>Writes the first <see cref="ItemCount"/> scores for <paramref name="history"/>.</summary>
    public void Score(UserHistory history, Span<float> scores)
    {
        scores = scores[..n];
        var items = history.Items.Span;
        var weights = ArrayPool<float>.Shared.Rent(Math.Max(1, items.Length));
        var part = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var w = weights.AsSpan(0, items.Length);
            recency.Fill(history, w);
            var buffer = part.AsSpan(0, n);
            SequentialEaseScorer.Components.Linear(main, n, items, w, scores);
            if (knn is not null)
            {
                SequentialEaseScorer.Components.Linear(knn, n, items, w, buffer);
                TensorPrimitives.MultiplyAdd(buffer, knnWeight, scores, scores);
            }

            if (transitionWeight != 0f)
            {
                SequentialEaseScorer.Components.Transitions(transitions, history, transitionTau, buffer);
                TensorPrimitives.MultiplyAdd(buffer, transitionWeight, scores, scores);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(weights);
            ArrayPool<float>.Shared.Return(part);
        }
    }
}
