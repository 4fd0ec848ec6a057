namespace AgentRec.Core.Fusion;

/// <summary>
/// Fuses two text encoders' cosine similarities into one: (1−w)·cos₁ + w·cos₂, w the second encoder's weight in [0, 1].
/// Each side's vector is scaled to length √(1−w) or √w and the two are concatenated, so the dot product of two fused
/// vectors is exactly that weighted sum and any cosine index (in-process or external) searches the fusion as it is.
/// </summary>
public static class EncoderSimilarityFusion
{
    /// <summary>Width of a fused vector.</summary>
    public static int Dimensions(int first, int second) => first + second;

    /// <summary>
    /// <paramref name="destination"/> ← [√(1−w)·first/|first|, √w·second/|second|]; a side of length 0 stays 0.
    /// </summary>
    public static void Concatenate(ReadOnlySpan<float> first, ReadOnlySpan<float> second, double secondWeight, Span<float> destination)
    {
        if (secondWeight is < 0 or > 1 || double.IsNaN(secondWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(secondWeight), secondWeight, "The second encoder's weight must lie in [0, 1].");
        }

        if (destination.Length != Dimensions(first.Length, second.Length))
        {
            throw new ArgumentException($"The fused vector has {Dimensions(first.Length, second.Length)} dimensions, not {destination.Length}.", nameof(destination));
        }

        Scaled(first, Math.Sqrt(1 - secondWeight), destination[..first.Length]);
        Scaled(second, Math.Sqrt(secondWeight), destination[first.Length..]);
    }

    /// <summary>The fused vector of <paramref name="first"/> and <paramref name="second"/> (see <see cref="Concatenate(ReadOnlySpan{float}, ReadOnlySpan{float}, double, Span{float})"/>).</summary>
    public static float[] Concatenate(ReadOnlySpan<float> first, ReadOnlySpan<float> second, double secondWeight)
    {
        var result = new float[Dimensions(first.Length, second.Length)];
        Concatenate(first, second, secondWeight, result);
        return result;
    }

    private static void Scaled(ReadOnlySpan<float> source, double length, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(source);
        if (norm > 0 && float.IsFinite(norm))
        {
            TensorPrimitives.Multiply(source, (float)(length / norm), destination);
        }
        else
        {
            destination.Clear();
        }
    }
}
