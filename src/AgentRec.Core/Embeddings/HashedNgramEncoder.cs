using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace AgentRec.Core.Embeddings;

/// <summary>
/// Serves the project's trained hashed n-gram encoder: computes the hashed feature ids and weights in C#, pads them
/// per batch and runs the exported ONNX graph. Exposed as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> like
/// <see cref="OnnxTextEncoder"/>. Thread-safe.
/// </summary>
public sealed class HashedNgramEncoder : LocalEmbeddingGenerator
{
    private const int BatchSize = 64;
    private readonly InferenceSession _session;
    private readonly HashedNgramFeaturizer _featurizer;

    private HashedNgramEncoder(InferenceSession session, EncoderManifest manifest)
    {
        _session = session;
        Manifest = manifest;
        _featurizer = new HashedNgramFeaturizer(manifest.Buckets, manifest.MaxFeatures);
        Metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, manifest.ModelId, manifest.OutputDims);
    }

    /// <summary>The manifest the model was saved with.</summary>
    public EncoderManifest Manifest { get; }

    /// <summary>Width of the embeddings.</summary>
    public int Dimensions => Manifest.OutputDims;

    /// <summary>
    /// Opens a model folder written by training (the manifest and <see cref="HashedNgramGraph.ModelFileName"/>); throws <see cref="InvalidDataException"/> when the
    /// manifest or graph is missing, corrupt or inconsistent.
    /// </summary>
    public static HashedNgramEncoder Load(string directory, int intraOpThreads = 0)
    {
        var manifest = EncoderManifest.Read(directory);
        var modelPath = Path.Combine(directory, HashedNgramGraph.ModelFileName);
        if (!File.Exists(modelPath))
        {
            throw new InvalidDataException($"Encoder folder '{directory}' has no {HashedNgramGraph.ModelFileName}.");
        }

        using var options = new SessionOptions();
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"'{modelPath}' is not a loadable ONNX model: {e.Message}", e);
        }

        if (!session.InputMetadata.ContainsKey(HashedNgramGraph.IdsInput) || !session.OutputMetadata.ContainsKey(HashedNgramGraph.Output))
        {
            session.Dispose();
            throw new InvalidDataException($"'{modelPath}' is not a hashed n-gram encoder graph.");
        }

        return new HashedNgramEncoder(session, manifest);
    }

    /// <summary>Unit-length embeddings of <paramref name="texts"/>, in input order.</summary>
    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, texts.Count - start);
            var features = new HashedFeatures[count];
            var width = 1;
            for (var i = 0; i < count; i++)
            {
                features[i] = _featurizer.Featurize(texts[start + i]);
                width = Math.Max(width, features[i].Count);
            }

            var ids = new long[count * width];
            var weights = new float[count * width];
            for (var i = 0; i < count; i++)
            {
                for (var f = 0; f < features[i].Count; f++)
                {
                    ids[(i * width) + f] = features[i].Ids[f];
                    weights[(i * width) + f] = features[i].Weights[f];
                }
            }

            long[] shape = [count, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var weightsValue = OrtValue.CreateTensorValueFromMemory(weights, shape);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, [HashedNgramGraph.IdsInput, HashedNgramGraph.WeightsInput], [idsValue, weightsValue], [HashedNgramGraph.Output]);
            var data = outputs[0].GetTensorDataAsSpan<float>();
            var dims = Manifest.OutputDims;
            for (var i = 0; i < count; i++)
            {
                result[start + i] = data.Slice(i * dims, dims).ToArray();
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override void Dispose() => _session.Dispose();

    private protected override EmbeddingGeneratorMetadata Metadata { get; }

    private protected override float[][] EncodeForGeneration(IReadOnlyList<string> texts, CancellationToken cancellationToken) => Encode(texts, cancellationToken);
}
