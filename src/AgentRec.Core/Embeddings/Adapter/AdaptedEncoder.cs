using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace AgentRec.Core.Embeddings.Adapter;

/// <summary>
/// A pretrained BERT-family encoder (<see cref="OnnxTextEncoder"/>) followed by a trained <see cref="LinearAdapter"/>
/// run from its ONNX graph: the fine-tuned form that keeps the pretrained weights frozen. Thread-safe.
/// </summary>
public sealed class AdaptedEncoder : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _base;
    private readonly InferenceSession _adapter;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly bool _ownsBase;

    /// <summary>Runs <paramref name="baseEncoder"/> then the adapter graph at <paramref name="adapterModelPath"/>.</summary>
    public AdaptedEncoder(IEmbeddingGenerator<string, Embedding<float>> baseEncoder, string adapterModelPath, AdapterManifest manifest, bool ownsBase = false, int intraOpThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(baseEncoder);
        ArgumentNullException.ThrowIfNull(manifest);
        if (!File.Exists(adapterModelPath))
        {
            throw new InvalidDataException($"The adapter graph '{adapterModelPath}' does not exist.");
        }

        using var options = new SessionOptions();
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        try
        {
            _adapter = new InferenceSession(adapterModelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"'{adapterModelPath}' is not a loadable adapter graph: {e.Message}", e);
        }

        _base = baseEncoder;
        _ownsBase = ownsBase;
        Manifest = manifest;
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, manifest.ModelId, manifest.OutputDims);
    }

    /// <summary>The adapter's manifest.</summary>
    public AdapterManifest Manifest { get; }

    /// <summary>Width of the adapted embeddings.</summary>
    public int Dimensions => Manifest.OutputDims;

    /// <summary>
    /// Opens an adapter folder (adapter.json, adapter.onnx) and the base encoder it names (model.onnx and vocab.txt);
    /// a missing file, or a base model other than the one the adapter was trained on, is an <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static AdaptedEncoder Load(string directory, int intraOpThreads = 0)
    {
        var manifest = AdapterManifest.Read(directory);
        var baseFolder = manifest.ResolveBase(directory);
        var baseModel = Path.Combine(baseFolder, "model.onnx");
        var vocab = Path.Combine(baseFolder, "vocab.txt");
        foreach (var file in new[] { baseModel, vocab })
        {
            if (!File.Exists(file))
            {
                throw new InvalidDataException($"The adapter in '{directory}' adapts the encoder in '{baseFolder}', which has no {Path.GetFileName(file)} ('{file}').");
            }
        }

        var sha = Sha256(baseModel);
        if (manifest.BaseModelSha256.Length > 0 && !string.Equals(sha, manifest.BaseModelSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"'{baseModel}' (sha256 {sha[..12]}…) is not the base model the adapter in '{directory}' was trained on (sha256 {manifest.BaseModelSha256[..Math.Min(12, manifest.BaseModelSha256.Length)]}…); retrain it with `agentrec train encoder --base {baseFolder}`.");
        }

        var encoder = OnnxTextEncoder.Create(baseModel, vocab, new OnnxTextEncoderOptions { Pooling = manifest.BasePooling, MaxSequenceLength = manifest.BaseMaxSequenceLength, ModelId = Path.GetFileName(baseFolder), IntraOpThreads = intraOpThreads });
        try
        {
            return new AdaptedEncoder(encoder, Path.Combine(directory, AdapterManifest.ModelFileName), manifest, ownsBase: true, intraOpThreads);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>The sha256 of a file, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embedded = await _base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        var n = embedded.Count;
        var result = new GeneratedEmbeddings<Embedding<float>>(n);
        if (n == 0)
        {
            return result;
        }

        var inputDims = Manifest.InputDims;
        var input = new float[n * inputDims];
        for (var i = 0; i < n; i++)
        {
            var vector = embedded[i].Vector.Span;
            if (vector.Length != inputDims)
            {
                throw new InvalidDataException($"The base encoder gave {vector.Length}-dimensional embeddings; the adapter takes {inputDims}.");
            }

            vector.CopyTo(input.AsSpan(i * inputDims, inputDims));
        }

        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [n, inputDims]);
        using var outputs = _adapter.Run(new RunOptions(), [LinearAdapter.InputName], [tensor], [LinearAdapter.OutputName]);
        var adapted = outputs[0].GetTensorDataAsSpan<float>();
        var width = Manifest.OutputDims;
        for (var i = 0; i < n; i++)
        {
            result.Add(new Embedding<float>(adapted.Slice(i * width, width).ToArray()) { ModelId = Manifest.ModelId });
        }

        return result;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorHelpers.GetService(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        _adapter.Dispose();
        if (_ownsBase)
        {
            _base.Dispose();
        }
    }
}
