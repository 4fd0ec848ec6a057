namespace AgentRec.Core.Personalization;

/// <summary>Dense item-item statistics from the training interactions: co-occurrence counts and cosine similarity.</summary>
internal static class ItemSimilarity
{
    /// <summary>G = XᵀX for the binary user-item matrix X: G[i,j] is how many users have both i and j (row-major, n×n).</summary>
    public static float[] Gram(InteractionData data)
    {
        var n = data.ItemCount;
        var gram = new float[(long)n * n];
        Parallel.For(0, n, i =>
        {
            var row = gram.AsSpan(i * n, n);
            foreach (var u in data.UsersOf(i))
            {
                foreach (var j in data.DistinctItemsOf(u))
                {
                    row[j] += 1f;
                }
            }
        });
        return gram;
    }

    /// <summary>Cosine similarity G[i,j]/sqrt(G[i,i]·G[j,j]) with a zero diagonal, so an item never recommends itself.</summary>
    public static float[] Cosine(float[] gram, int n)
    {
        var norms = new float[n];
        for (var i = 0; i < n; i++)
        {
            var d = gram[(long)i * n + i];
            norms[i] = d > 0 ? 1f / MathF.Sqrt(d) : 0f;
        }

        var sim = new float[(long)n * n];
        Parallel.For(0, n, i =>
        {
            var row = sim.AsSpan(i * n, n);
            TensorPrimitives.Multiply(gram.AsSpan(i * n, n), norms, row);
            TensorPrimitives.Multiply(row, norms[i], row);
            row[i] = 0f;
        });
        return sim;
    }
}
