using AgentRec.Core.Embeddings.Onnx;

namespace AgentRec.UnitTests.Embeddings;

/// <summary>A direct C# forward pass of the BERT network the builder writes, for one unpadded sequence.</summary>
internal static class BertReference
{
    public static float[,] Forward(BertWeights w, int[] ids)
    {
        var c = w.Config;
        int t = ids.Length, h = c.HiddenSize;
        var x = new float[t, h];
        for (var i = 0; i < t; i++)
        {
            for (var j = 0; j < h; j++)
            {
                x[i, j] = w.WordEmbeddings[(ids[i] * h) + j] + w.PositionEmbeddings[(i * h) + j] + w.TypeEmbeddings[j];
            }
        }

        x = LayerNorm(x, w.EmbeddingNormGamma, w.EmbeddingNormBeta);
        foreach (var l in w.Layers)
        {
            var q = Linear(x, l.QueryWeight, l.QueryBias);
            var k = Linear(x, l.KeyWeight, l.KeyBias);
            var v = Linear(x, l.ValueWeight, l.ValueBias);
            var ctx = new float[t, h];
            var hs = c.HeadSize;
            for (var head = 0; head < c.Heads; head++)
            {
                for (var i = 0; i < t; i++)
                {
                    var scores = new double[t];
                    var max = double.NegativeInfinity;
                    for (var j = 0; j < t; j++)
                    {
                        double s = 0;
                        for (var d = 0; d < hs; d++)
                        {
                            s += q[i, (head * hs) + d] * k[j, (head * hs) + d];
                        }

                        scores[j] = s / Math.Sqrt(hs);
                        max = Math.Max(max, scores[j]);
                    }

                    double sum = 0;
                    for (var j = 0; j < t; j++)
                    {
                        scores[j] = Math.Exp(scores[j] - max);
                        sum += scores[j];
                    }

                    for (var d = 0; d < hs; d++)
                    {
                        double acc = 0;
                        for (var j = 0; j < t; j++)
                        {
                            acc += scores[j] / sum * v[j, (head * hs) + d];
                        }

                        ctx[i, (head * hs) + d] = (float)acc;
                    }
                }
            }

            var attn = Linear(ctx, l.OutputWeight, l.OutputBias);
            var x1 = LayerNorm(Add(attn, x), l.AttentionNormGamma, l.AttentionNormBeta);
            var inter = Linear(x1, l.IntermediateWeight, l.IntermediateBias);
            for (var i = 0; i < inter.GetLength(0); i++)
            {
                for (var j = 0; j < inter.GetLength(1); j++)
                {
                    var z = inter[i, j];
                    inter[i, j] = (float)(0.5 * z * (1 + Erf(z / Math.Sqrt(2))));
                }
            }

            var ffn = Linear(inter, l.FeedForwardWeight, l.FeedForwardBias);
            x = LayerNorm(Add(ffn, x1), l.OutputNormGamma, l.OutputNormBeta);
        }

        return x;
    }

    private static float[,] Linear(float[,] x, float[] w, float[] b)
    {
        int t = x.GetLength(0), n = x.GetLength(1), m = b.Length;
        var y = new float[t, m];
        for (var i = 0; i < t; i++)
        {
            for (var o = 0; o < m; o++)
            {
                double acc = b[o];
                for (var d = 0; d < n; d++)
                {
                    acc += x[i, d] * w[(d * m) + o];
                }

                y[i, o] = (float)acc;
            }
        }

        return y;
    }

    private static float[,] Add(float[,] a, float[,] b)
    {
        var y = new float[a.GetLength(0), a.GetLength(1)];
        for (var i = 0; i < a.GetLength(0); i++)
        {
            for (var j = 0; j < a.GetLength(1); j++)
            {
                y[i, j] = a[i, j] + b[i, j];
            }
        }

        return y;
    }

    private static float[,] LayerNorm(float[,] x, float[] gamma, float[] beta)
    {
        int t = x.GetLength(0), h = x.GetLength(1);
        var y = new float[t, h];
        for (var i = 0; i < t; i++)
        {
            double mean = 0, var = 0;
            for (var j = 0; j < h; j++)
            {
                mean += x[i, j];
            }

            mean /= h;
            for (var j = 0; j < h; j++)
            {
                var += (x[i, j] - mean) * (x[i, j] - mean);
            }

            var /= h;
            for (var j = 0; j < h; j++)
            {
                y[i, j] = (float)(((x[i, j] - mean) / Math.Sqrt(var + BertEncoderConfig.LayerNormEpsilon) * gamma[j]) + beta[j]);
            }
        }

        return y;
    }

    // Abramowitz–Stegun 7.1.26 is too coarse for a 1e-4 comparison; a series/continued fraction is exact enough.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        if (x < 3)
        {
            double sum = x, term = x;
            for (var n = 1; n < 100; n++)
            {
                term *= -x * x / n;
                var add = term / ((2 * n) + 1);
                sum += add;
                if (Math.Abs(add) < 1e-16)
                {
                    break;
                }
            }

            return sign * 2 / Math.Sqrt(Math.PI) * sum;
        }

        return sign * (1 - (Math.Exp(-x * x) / (x * Math.Sqrt(Math.PI)) * (1 - (1 / (2 * x * x)))));
    }
}
