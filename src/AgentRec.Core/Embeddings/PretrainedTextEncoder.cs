using System.Security.Cryptography;
using AgentRec.Core.Models;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Embeddings;

/// <summary>
/// A pretrained BERT-family encoder installed by <c>agentrec models pull</c> (minilm, arctic-xs), run through
/// <see cref="OnnxTextEncoder"/> with the pooling its manifest entry states and L2 normalisation. As a generator it
/// embeds documents (item descriptions) as they are; <see cref="Queries"/> embeds search queries with the model's
/// query prefix (arctic-xs: "Represent this sentence for searching relevant passages: "), the same encoder otherwise.
/// </summary>
public sealed class PretrainedTextEncoder : LocalEmbeddingGenerator
{
    private readonly OnnxTextEncoder _encoder;

    private PretrainedTextEncoder(ModelEntry model, OnnxTextEncoder encoder, string modelPath, string modelSha256, TextPooling pooling)
    {
        _encoder = encoder;
        Model = model;
        ModelPath = modelPath;
        ModelSha256 = modelSha256;
        Pooling = pooling;
        QueryPrefix = model.QueryPrefix ?? string.Empty;
        Metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, model.Name, model.Dims);
        Queries = new QueryGenerator(this);
    }

    /// <summary>The manifest entry the encoder was opened from.</summary>
    public ModelEntry Model { get; }

    /// <summary>The ONNX file in use.</summary>
    public string ModelPath { get; }

    /// <summary>The sha256 of the ONNX file, checked against the manifest when opened.</summary>
    public string ModelSha256 { get; }

    /// <summary>How token vectors are pooled.</summary>
    public TextPooling Pooling { get; }

    /// <summary>What goes before each query; empty for models that take none.</summary>
    public string QueryPrefix { get; }

    /// <summary>The generator for search queries: the query prefix, then this encoder.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Queries { get; }

    /// <summary>Width of the embeddings.</summary>
    public int Dimensions => _encoder.Dimensions > 0 ? _encoder.Dimensions : Model.Dims ?? 0;

    /// <summary>
    /// Opens <paramref name="model"/>'s files under <paramref name="modelsFolder"/>: each must be present with the
    /// manifest's sha256 and the ONNX file must load as a BERT-family encoder. Every failure is an
    /// <see cref="PretrainedEncoderException"/> naming the file, so the caller can fall back to another encoder.
    /// </summary>
    public static PretrainedTextEncoder Open(ModelEntry model, string modelsFolder, int intraOpThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(modelsFolder);
        if (!string.Equals(model.Kind, "embedding", StringComparison.Ordinal))
        {
            throw new PretrainedEncoderException(model.Name, $"{model.Name} is a {model.Kind} model, not an embedding model.");
        }

        var onnx = model.Files.FirstOrDefault(f => f.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            ?? throw new PretrainedEncoderException(model.Name, $"{model.Name} lists no .onnx file.");
        var vocab = model.Files.FirstOrDefault(f => f.Path.EndsWith("vocab.txt", StringComparison.OrdinalIgnoreCase))
            ?? throw new PretrainedEncoderException(model.Name, $"{model.Name} lists no vocab.txt (WordPiece) file.");
        var onnxPath = Path.Combine(modelsFolder, onnx.Path);
        var vocabPath = Path.Combine(modelsFolder, vocab.Path);
        var onnxSha = Check(onnx, onnxPath);
        Check(vocab, vocabPath);
        var pooling = string.Equals(model.Pooling, "cls", StringComparison.Ordinal) ? TextPooling.Cls : TextPooling.Mean;
        try
        {
            var encoder = OnnxTextEncoder.Create(onnxPath, vocabPath, new OnnxTextEncoderOptions
            {
                Pooling = pooling,
                Normalize = true,
                ModelId = model.Name,
                IntraOpThreads = intraOpThreads,
            });
            return new PretrainedTextEncoder(model, encoder, onnxPath, onnxSha, pooling);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or ArgumentException)
        {
            throw new PretrainedEncoderException(onnxPath, $"{onnxPath} does not load as an encoder: {ex.Message}", ex);
        }
    }

    /// <summary>Embeds documents (no prefix); rows in input order, unit length.</summary>
    public float[][] EncodeDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => _encoder.Encode(texts, cancellationToken);

    /// <summary>Embeds search queries with the query prefix; rows in input order, unit length.</summary>
    public float[][] EncodeQueries(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return QueryPrefix.Length == 0 ? _encoder.Encode(texts, cancellationToken) : _encoder.Encode([.. texts.Select(t => QueryPrefix + t)], cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose() => _encoder.Dispose();

    private protected override EmbeddingGeneratorMetadata Metadata { get; }

    private protected override float[][] EncodeForGeneration(IReadOnlyList<string> texts, CancellationToken cancellationToken) => EncodeDocuments(texts, cancellationToken);

    private static string Check(ModelFile file, string path)
    {
        if (!File.Exists(path))
        {
            throw new PretrainedEncoderException(path, $"{path} is missing; run `agentrec models pull` for it.");
        }

        string sha;
        using (var stream = File.OpenRead(path))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (file.Sha256 is { } expected && !string.Equals(sha, expected, StringComparison.Ordinal))
        {
            throw new PretrainedEncoderException(path, $"{path} has sha256 {sha}, expected {expected} (corrupt or truncated; `agentrec models pull` reinstalls it).");
        }

        return sha;
    }

    /// <summary>The query side: the prefix, then the same encoder; disposing it leaves the encoder to its owner.</summary>
    private sealed class QueryGenerator(PretrainedTextEncoder owner) : LocalEmbeddingGenerator
    {
        private protected override EmbeddingGeneratorMetadata Metadata => owner.Metadata;

        public override void Dispose()
        {
        }

        private protected override float[][] EncodeForGeneration(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
            owner.EncodeQueries(texts, cancellationToken);
    }
}

/// <summary>A pretrained encoder that cannot be used: a file missing, not the published one, or not loadable.</summary>
public sealed class PretrainedEncoderException : Exception
{
    public PretrainedEncoderException()
    {
    }

    public PretrainedEncoderException(string message)
        : base(message)
    {
    }

    public PretrainedEncoderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PretrainedEncoderException(string file, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        File = file;
    }

    /// <summary>The file (or model name) at fault.</summary>
    public string? File { get; }
}
