using System.Security.Cryptography;
using AgentRec.Core.Embeddings;

namespace AgentRec.Core.Training;

/// <summary>The outcome of <see cref="EncoderTrainer.Train(Catalog.LoadedCatalog, EncoderTrainingOptions, IProgress{EncoderTrainingProgress}, CancellationToken)"/>: the model and its manifest.</summary>
public sealed class TrainedEncoder(HashedNgramModel model, EncoderManifest manifest)
{
    /// <summary>File name of the ONNX graph inside a model folder.</summary>
    public const string ModelFileName = HashedNgramGraph.ModelFileName;

    /// <summary>The trained weights (C# forward pass available through <see cref="HashedNgramModel.Encode(IReadOnlyList{string})"/>).</summary>
    public HashedNgramModel Model { get; } = model;

    /// <summary>Seed, sizes, data summary and metrics.</summary>
    public EncoderManifest Manifest { get; private set; } = manifest;

    /// <summary>
    /// Writes encoder.onnx and encoder.json into <paramref name="directory"/> (created when missing); each file is
    /// written to a temporary name first, so an interrupted save never leaves a half-written model in place.
    /// </summary>
    public void Save(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var metadata = new Dictionary<string, string>
        {
            ["kind"] = Manifest.Kind,
            ["seed"] = Manifest.Seed.ToString(CultureInfo.InvariantCulture),
            ["buckets"] = Manifest.Buckets.ToString(CultureInfo.InvariantCulture),
            ["output_dims"] = Manifest.OutputDims.ToString(CultureInfo.InvariantCulture),
        };
        var bytes = Model.ToOnnx(metadata);
        var path = Path.Combine(directory, ModelFileName);
        // A temp name of its own: two processes that train on first start may save into the same folder at once.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
        Manifest = Manifest with { ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
        Manifest.Write(directory);
    }

    /// <summary>Opens a saved model folder for serving through ONNX Runtime (same as <see cref="HashedNgramEncoder.Load"/>).</summary>
    public static HashedNgramEncoder Load(string directory, int intraOpThreads = 0) => HashedNgramEncoder.Load(directory, intraOpThreads);
}
