namespace AgentRec.Core.Fusion;

/// <summary>
/// The personalization blend of the content side and collaborative filtering: y = α·f_content + (1−α)·f_CF, α the
/// content weight in [0, 1].
/// </summary>
public static class ContentCollaborativeBlend
{
    /// <summary>One item's blended score.</summary>
    public static double Score(double content, double collaborative, double alpha) =>
        (alpha * content) + ((1 - alpha) * collaborative);

    /// <summary><paramref name="destination"/> ← (1−α)·<paramref name="collaborative"/> + α·<paramref name="content"/>, item by item.</summary>
    public static void Mix(ReadOnlySpan<float> collaborative, ReadOnlySpan<float> content, float alpha, Span<float> destination)
    {
        TensorPrimitives.Multiply(collaborative, 1 - alpha, destination);
        TensorPrimitives.MultiplyAdd(content, alpha, destination, destination);
    }

    /// <summary>
    /// <paramref name="scores"/> ← (1−α)·norm(scores) + α·norm(content), the norm that of
    /// <see cref="UnseenScoreNormalization"/> over items outside <paramref name="history"/> (both spans are normalized in place).
    /// </summary>
    public static void NormalizeAndMix(Span<float> scores, Span<float> content, ReadOnlySpan<int> history, float alpha)
    {
        UnseenScoreNormalization.Normalize(scores, history);
        UnseenScoreNormalization.Normalize(content, history);
        Mix(scores, content, alpha, scores);
    }
}
