namespace AgentRec.UnitTests.Retrieval;

/// <summary>Seeded random unit vectors for the HNSW tests.</summary>
internal static class HnswTestVectors
{
    public static float[] Unit(int count, int dims, int seed)
    {
        var random = new Random(seed);
        var data = new float[count * dims];
        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * dims, dims);
            var norm = 0.0;
            for (var d = 0; d < dims; d++)
            {
                // Sum of uniforms: close enough to Gaussian for directions spread over the sphere.
                var g = (float)(random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
                row[d] = g;
                norm += g * g;
            }

            var inv = (float)(1 / Math.Sqrt(norm));
            for (var d = 0; d < dims; d++)
            {
                row[d] *= inv;
            }
        }

        return data;
    }
}
