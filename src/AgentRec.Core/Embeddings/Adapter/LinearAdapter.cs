using AgentRec.Core.Embeddings.Onnx;

namespace AgentRec.Core.Embeddings.Adapter;

/// <summary>
/// A linear map over a base encoder's unit embeddings followed by L2 normalisation: <c>y = W(x − c) / ‖W(x − c)‖</c>,
/// with W of <see cref="OutputDims"/> rows and <see cref="InputDims"/> columns (row-major) and c the centre subtracted
/// first (pretrained sentence embeddings share a large common direction; removing it spreads them out). The identity
/// with a zero centre gives the base encoder's embeddings. Exported as a three-node ONNX graph (Sub, MatMul, LpNormalization).
/// </summary>
public sealed class LinearAdapter
{
    /// <summary>Name of the graph's input: a batch of base embeddings, [batch, InputDims].</summary>
    public const string InputName = "embedding";

    /// <summary>Name of the graph's output: the adapted unit vectors, [batch, OutputDims].</summary>
    public const string OutputName = "adapted";

    /// <summary>An adapter of <paramref name="outputDims"/> × <paramref name="inputDims"/> weights (row-major).</summary>
    public LinearAdapter(int inputDims, int outputDims, float[] weights, float[]? centre = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDims, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDims, 1);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != (long)inputDims * outputDims)
        {
            throw new ArgumentException($"{weights.Length} weights do not fill a {outputDims}×{inputDims} matrix.", nameof(weights));
        }

        if (centre is not null && centre.Length != inputDims)
        {
            throw new ArgumentException($"The centre has {centre.Length} values; the input has {inputDims} dimensions.", nameof(centre));
        }

        InputDims = inputDims;
        OutputDims = outputDims;
        Weights = weights;
        Centre = centre ?? new float[inputDims];
    }

    /// <summary>Width of the base embeddings.</summary>
    public int InputDims { get; }

    /// <summary>Width of the adapted embeddings.</summary>
    public int OutputDims { get; }

    /// <summary>The weights, row r = output dimension r.</summary>
    public float[] Weights { get; }

    /// <summary>The centre subtracted from each input before the map.</summary>
    public float[] Centre { get; }

    /// <summary>The identity map over <paramref name="dims"/>-wide embeddings.</summary>
    public static LinearAdapter Identity(int dims)
    {
        var weights = new float[dims * dims];
        for (var i = 0; i < dims; i++)
        {
            weights[(i * dims) + i] = 1f;
        }

        return new LinearAdapter(dims, dims, weights);
    }

    /// <summary>Maps one base embedding to <paramref name="output"/> (unnormalised); returns its norm.</summary>
    public float Project(ReadOnlySpan<float> input, Span<float> output)
    {
        Span<float> centred = InputDims <= 1024 ? stackalloc float[InputDims] : new float[InputDims];
        TensorPrimitives.Subtract(input[..InputDims], Centre, centred);
        for (var r = 0; r < OutputDims; r++)
        {
            output[r] = TensorPrimitives.Dot(Weights.AsSpan(r * InputDims, InputDims), centred);
        }

        return TensorPrimitives.Norm(output[..OutputDims]);
    }

    /// <summary>Maps and normalises one base embedding into <paramref name="output"/>.</summary>
    public void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        var norm = Project(input, output);
        TensorPrimitives.Divide(output[..OutputDims], Math.Max(norm, 1e-12f), output[..OutputDims]);
    }

    /// <summary>The ONNX graph of the adapter: subtract the centre, MatMul by Wᵀ, then LpNormalization (p = 2) over the last axis.</summary>
    public byte[] ToOnnx()
    {
        var writer = new OnnxModelWriter("agentrec-linear-adapter");
        writer.AddInput(InputName, OnnxElementType.FloatTensor, "batch", InputDims.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.AddOutput(OutputName, OnnxElementType.FloatTensor, "batch", OutputDims.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var transposed = new float[Weights.Length];
        for (var r = 0; r < OutputDims; r++)
        {
            for (var c = 0; c < InputDims; c++)
            {
                transposed[(c * OutputDims) + r] = Weights[(r * InputDims) + c];
            }
        }

        var centre = writer.AddInitializer("centre", Centre, InputDims);
        var w = writer.AddInitializer("weight_t", transposed, InputDims, OutputDims);
        var centred = writer.Op("Sub", "centred", InputName, centre);
        var projected = writer.Op("MatMul", "projected", centred, w);
        writer.Op("LpNormalization", OutputName, [projected], OnnxAttribute.Of("axis", -1L), OnnxAttribute.Of("p", 2L));
        writer.AddMetadata("agentrec.kind", "linear-adapter");
        return writer.ToBytes();
    }
}
