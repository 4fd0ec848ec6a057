namespace AgentRec.Core.Fusion;

/// <summary>Fuses the item-similarity rows of a user's history into one score vector, each row by its weight.</summary>
public static class SimilarityRowFusion
{
    /// <summary>scores += Σₜ weights[t] · matrix[history[t], :] for a dense row-major n×n matrix.</summary>
    public static void AddRows(float[] matrix, int n, ReadOnlySpan<int> history, ReadOnlySpan<float> weights, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        for (var t = 0; t < history.Length; t++)
        {
            if (weights[t] != 0f)
            {
                TensorPrimitives.MultiplyAdd(matrix.AsSpan(history[t] * n, n), weights[t], scores, scores);
            }
        }
    }
}
