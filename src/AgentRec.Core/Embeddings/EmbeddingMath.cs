namespace AgentRec.Core.Embeddings;

/// <summary>Vector helpers shared by the encoders and the index.</summary>
public static class EmbeddingMath
{
    /// <summary>Scales <paramref name="vector"/> to unit L2 norm in place; a zero vector stays zero.</summary>
    public static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 1e-12f)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
