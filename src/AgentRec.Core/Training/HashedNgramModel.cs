using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Onnx;

namespace AgentRec.Core.Training;

/// <summary>
/// The project's own small text encoder: a table of hashed n-gram embeddings [buckets, dims], a weighted mean over a
/// text's features, a linear projection [dims, outputDims] and L2 normalisation. Trained by <see cref="EncoderTrainer"/>,
/// exported to ONNX by <see cref="ToOnnx"/> and served by <see cref="HashedNgramEncoder"/>.
/// </summary>
public sealed class HashedNgramModel
{
    /// <summary>Name of the ids input of the exported graph: [batch, features] int64, padded with 0.</summary>
    public const string IdsInput = HashedNgramGraph.IdsInput;

    /// <summary>Name of the weights input of the exported graph: [batch, features] float, 0 on padding.</summary>
    public const string WeightsInput = HashedNgramGraph.WeightsInput;

    /// <summary>Name of the output of the exported graph: [batch, outputDims] float, unit length.</summary>
    public const string Output = HashedNgramGraph.Output;

    /// <summary>Wraps existing weights.</summary>
    public HashedNgramModel(int buckets, int dims, int outputDims, float[] embeddings, float[] projection)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(projection);
        if (embeddings.Length != (long)buckets * dims || projection.Length != dims * outputDims)
        {
            throw new ArgumentException($"Weights do not match buckets={buckets}, dims={dims}, outputDims={outputDims}.");
        }

        Buckets = buckets;
        Dims = dims;
        OutputDims = outputDims;
        Embeddings = embeddings;
        Projection = projection;
        Featurizer = new HashedNgramFeaturizer(buckets);
    }

    /// <summary>Rows of the embedding table.</summary>
    public int Buckets { get; }

    /// <summary>Width of the n-gram embeddings.</summary>
    public int Dims { get; }

    /// <summary>Width of the output embedding.</summary>
    public int OutputDims { get; }

    /// <summary>The n-gram embedding table, row-major [Buckets, Dims].</summary>
    public float[] Embeddings { get; }

    /// <summary>The projection, row-major [Dims, OutputDims].</summary>
    public float[] Projection { get; }

    /// <summary>The featurizer matching <see cref="Buckets"/>.</summary>
    public HashedNgramFeaturizer Featurizer { get; }

    /// <summary>A randomly initialised model: the "untrained" encoder.</summary>
    public static HashedNgramModel CreateRandom(int buckets, int dims, int outputDims, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var embeddings = BertWeights.Normal(random, checked(buckets * dims), 0.1f);
        var projection = BertWeights.Normal(random, dims * outputDims, 1f / MathF.Sqrt(dims));
        return new HashedNgramModel(buckets, dims, outputDims, embeddings, projection);
    }

    /// <summary>Pools the features' embeddings into <paramref name="pooled"/> (length <see cref="Dims"/>).</summary>
    public void Pool(HashedFeatures features, Span<float> pooled)
    {
        pooled.Clear();
        var table = Embeddings.AsSpan();
        for (var i = 0; i < features.Count; i++)
        {
            TensorPrimitives.MultiplyAdd(table.Slice(features.Ids[i] * Dims, Dims), features.Weights[i], pooled, pooled);
        }
    }

    /// <summary>Projects a pooled vector into <paramref name="output"/> (length <see cref="OutputDims"/>), not normalised.</summary>
    public void Project(ReadOnlySpan<float> pooled, Span<float> output)
    {
        output.Clear();
        var w = Projection.AsSpan();
        for (var d = 0; d < Dims; d++)
        {
            if (pooled[d] != 0)
            {
                TensorPrimitives.MultiplyAdd(w.Slice(d * OutputDims, OutputDims), pooled[d], output, output);
            }
        }
    }

    /// <summary>The unit-length embedding of <paramref name="features"/>.</summary>
    public float[] Encode(HashedFeatures features)
    {
        Span<float> pooled = stackalloc float[Dims];
        var output = new float[OutputDims];
        Pool(features, pooled);
        Project(pooled, output);
        EmbeddingMath.NormalizeInPlace(output);
        return output;
    }

    /// <summary>Unit-length embeddings of <paramref name="texts"/>, computed in C# (equal to the ONNX export's output).</summary>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        Parallel.For(0, texts.Count, i => result[i] = Encode(Featurizer.Featurize(texts[i])));
        return result;
    }

    /// <summary>
    /// Writes the encoder as an ONNX graph: Gather(table, ids) · Unsqueeze(weights) → ReduceSum over features →
    /// MatMul(projection) → divide by max(L2 norm, 1e-12).
    /// </summary>
    public byte[] ToOnnx(IReadOnlyDictionary<string, string>? metadata = null)
    {
        var g = new OnnxModelWriter("hashed_ngram_encoder");
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            g.AddMetadata(key, value);
        }

        g.AddInput(IdsInput, OnnxElementType.Int64Tensor, "batch", "features");
        g.AddInput(WeightsInput, OnnxElementType.FloatTensor, "batch", "features");
        g.AddOutput(Output, OnnxElementType.FloatTensor, "batch", OutputDims.ToString(CultureInfo.InvariantCulture));
        g.AddInitializer("ngram_embeddings", Embeddings, Buckets, Dims);
        g.AddInitializer("projection", Projection, Dims, OutputDims);
        g.AddInitializer("axis_1", [1L], 1);
        g.AddInitializer("axis_2", [2L], 1);
        g.AddInitializer("epsilon", [1e-12f]);
        g.Op("Gather", "rows", ["ngram_embeddings", IdsInput], OnnxAttribute.Of("axis", 0));
        g.Op("Unsqueeze", "weights_3d", WeightsInput, "axis_2");
        g.Op("Mul", "weighted", "rows", "weights_3d");
        g.Op("ReduceSum", "pooled", ["weighted", "axis_1"], OnnxAttribute.Of("keepdims", 0));
        g.Op("MatMul", "projected", "pooled", "projection");
        g.Op("Mul", "squares", "projected", "projected");
        g.Op("ReduceSum", "sum_squares", ["squares", "axis_1"], OnnxAttribute.Of("keepdims", 1));
        g.Op("Sqrt", "norm", "sum_squares");
        g.Op("Max", "safe_norm", "norm", "epsilon");
        g.Op("Div", Output, "projected", "safe_norm");
        return g.ToBytes();
    }
}
