namespace AgentRec.Core.Training;

/// <summary>
/// The symmetric in-batch softmax loss (InfoNCE) of contrastive encoder training and its gradient: for n pairs, the
/// unit vectors of the A side (rows 0..n−1 of <c>z</c>) and the B side (rows n..2n−1) score every A against every B by
/// cosine over a temperature; each A's target is its own B and each B's its own A. Every reduction runs in a fixed
/// order, so a seeded training run is reproducible whatever the thread count.
/// </summary>
internal static class InfoNce
{
    /// <summary>
    /// Returns the mean loss and writes to <paramref name="dh"/> (2n × p) its gradient with respect to the vectors before
    /// their normalisation (<c>z = h / ‖h‖</c>, with <paramref name="norms"/> holding each ‖h‖); <paramref name="dh"/>'s
    /// previous contents are overwritten.
    /// </summary>
    public static double Backward(float[] z, float[] norms, int n, int p, float temperature, ParallelOptions po, float[] dh)
    {
        var texts = 2 * n;
        Array.Clear(dh, 0, texts * p);

        // Symmetric InfoNCE: logits[i,j] = za_i·zb_j / τ; targets on the diagonal.
        var invT = 1f / temperature;
        var logits = new float[n * n];
        Parallel.For(0, n, po, i =>
        {
            var za = z.AsSpan(i * p, p);
            for (var j = 0; j < n; j++)
            {
                logits[(i * n) + j] = TensorPrimitives.Dot(za, z.AsSpan((n + j) * p, p)) * invT;
            }
        });

        var grad = new float[n * n];
        var rowLoss = new double[n];
        var colLoss = new double[n];
        Parallel.For(0, n, po, i =>
        {
            var row = logits.AsSpan(i * n, n);
            var max = TensorPrimitives.Max(row);
            double sum = 0;
            for (var j = 0; j < n; j++)
            {
                sum += Math.Exp(row[j] - max);
            }

            rowLoss[i] = -(row[i] - max - Math.Log(sum));
            for (var j = 0; j < n; j++)
            {
                grad[(i * n) + j] = (float)(Math.Exp(row[j] - max) / sum) * 0.5f / n;
            }

            grad[(i * n) + i] -= 0.5f / n;
        });

        var colGrad = new float[n * n];
        Parallel.For(0, n, po, j =>
        {
            var max = float.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                max = Math.Max(max, logits[(i * n) + j]);
            }

            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += Math.Exp(logits[(i * n) + j] - max);
            }

            colLoss[j] = -(logits[(j * n) + j] - max - Math.Log(sum));
            for (var i = 0; i < n; i++)
            {
                colGrad[(i * n) + j] = (float)(Math.Exp(logits[(i * n) + j] - max) / sum) * 0.5f / n;
            }

            colGrad[(j * n) + j] -= 0.5f / n;
        });

        var loss = 0.5 * (rowLoss.Sum() + colLoss.Sum()) / n;

        // dL/dz, then back through the normalisation: dh = (dz − z(z·dz)) / ‖h‖.
        Parallel.For(0, texts, po, k =>
        {
            var dz = dh.AsSpan(k * p, p);
            if (k < n)
            {
                for (var j = 0; j < n; j++)
                {
                    var g = (grad[(k * n) + j] + colGrad[(k * n) + j]) * invT;
                    TensorPrimitives.MultiplyAdd(z.AsSpan((n + j) * p, p), g, dz, dz);
                }
            }
            else
            {
                var j = k - n;
                for (var i = 0; i < n; i++)
                {
                    var g = (grad[(i * n) + j] + colGrad[(i * n) + j]) * invT;
                    TensorPrimitives.MultiplyAdd(z.AsSpan(i * p, p), g, dz, dz);
                }
            }

            var zk = z.AsSpan(k * p, p);
            var dot = TensorPrimitives.Dot(zk, dz);
            TensorPrimitives.MultiplyAdd(zk, -dot, dz, dz);
            TensorPrimitives.Divide(dz, norms[k], dz);
        });

        return loss;
    }
}
