namespace AgentRec.Core.Fusion;

/// <summary>Puts score vectors of different models on one scale before they are fused: the best unseen item scores 1.</summary>
public static class UnseenScoreNormalization
{
    /// <summary>
    /// Divides <paramref name="scores"/> by its largest value over items outside <paramref name="history"/>, so the best
    /// unseen item scores 1 whatever the model's own scale; a vector with no positive value is left as it is.
    /// </summary>
    public static void Normalize(Span<float> scores, ReadOnlySpan<int> history)
    {
        var saved = ArrayPool<float>.Shared.Rent(Math.Max(1, history.Length));
        try
        {
            for (var t = 0; t < history.Length; t++)
            {
                saved[t] = scores[history[t]];
                scores[history[t]] = float.NegativeInfinity;
            }

            var max = TensorPrimitives.Max(scores);

            // Restore in reverse so a repeated item gets its original value back.
            for (var t = history.Length - 1; t >= 0; t--)
            {
                scores[history[t]] = saved[t];
            }

            if (max > 0 && float.IsFinite(max))
            {
                TensorPrimitives.Multiply(scores, 1f / max, scores);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(saved);
        }
    }
}
