using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace AgentRec.Core.Embeddings;

/// <summary>
/// A BERT-family ONNX encoder (all-MiniLM-L6-v2, bge-small, e5-small, or a graph from the project's builder) with its
/// WordPiece tokenizer: batches sorted by length and padded per batch, mean or CLS pooling over the attention mask,
/// L2 normalisation. Thread-safe.
/// </summary>
public sealed class OnnxTextEncoder : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly OnnxTextEncoderOptions _options;
    private readonly bool _hasTokenTypes;
    private readonly string _outputName;
    private readonly bool _outputIsPooled;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Opens <paramref name="modelPath"/> with <paramref name="tokenizer"/>.</summary>
    public OnnxTextEncoder(string modelPath, BertTokenizer tokenizer, OnnxTextEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX encoder model '{modelPath}' does not exist.", modelPath);
        }

        _options = options ?? new OnnxTextEncoderOptions();
        _tokenizer = tokenizer;
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (_options.IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = _options.IntraOpThreads;
        }

        _session = new InferenceSession(modelPath, sessionOptions);
        var inputs = _session.InputMetadata;
        if (!inputs.ContainsKey("input_ids") || !inputs.ContainsKey("attention_mask"))
        {
            _session.Dispose();
            throw new InvalidDataException($"'{modelPath}' is not a BERT-family encoder: inputs input_ids and attention_mask are required, found {string.Join(", ", inputs.Keys)}.");
        }

        _hasTokenTypes = inputs.ContainsKey("token_type_ids");
        (_outputName, _outputIsPooled) = PickOutput(_session.OutputMetadata);
        var dims = _session.OutputMetadata[_outputName].Dimensions;
        Dimensions = dims[^1] > 0 ? dims[^1] : 0;
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, _options.ModelId, Dimensions > 0 ? Dimensions : null);
    }

    /// <summary>Opens a model with the BERT WordPiece vocabulary at <paramref name="vocabPath"/> (lower-cased, as the uncased models need).</summary>
    public static OnnxTextEncoder Create(string modelPath, string vocabPath, OnnxTextEncoderOptions? options = null, bool lowerCase = true)
    {
        var tokenizer = BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = lowerCase });
        return new OnnxTextEncoder(modelPath, tokenizer, options);
    }

    /// <summary>Width of the embeddings (0 until known when the model declares a symbolic width).</summary>
    public int Dimensions { get; private set; }

    /// <summary>The token ids the model sees for <paramref name="text"/>: [CLS] … [SEP], truncated to the maximum length.</summary>
    public int[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        var take = Math.Min(ids.Count, Math.Max(0, _options.MaxSequenceLength - 2));
        var result = new int[take + 2];
        result[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < take; i++)
        {
            result[i + 1] = ids[i];
        }

        result[^1] = _tokenizer.SeparatorTokenId;
        return result;
    }

    /// <summary>Embeds every text; rows are in input order.</summary>
    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenize(texts[i]);
        }

        // Length-sorted batches keep padding small; results go back to input order.
        var order = new int[texts.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => tokens[a].Length != tokens[b].Length ? tokens[a].Length.CompareTo(tokens[b].Length) : a.CompareTo(b));
        var result = new float[texts.Count][];
        var batchSize = Math.Max(1, _options.BatchSize);
        for (var start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            RunBatch(batch, tokens, result);
        }

        return result;
    }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        EmbeddingGeneratorHelpers.GenerateAsync(Encode, values, _options.ModelId, cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorHelpers.GetService(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private void RunBatch(int[] batch, int[][] tokens, float[][] result)
    {
        var b = batch.Length;
        var t = 0;
        foreach (var i in batch)
        {
            t = Math.Max(t, tokens[i].Length);
        }

        var ids = new long[b * t];
        var mask = new long[b * t];
        for (var r = 0; r < b; r++)
        {
            var row = tokens[batch[r]];
            for (var c = 0; c < row.Length; c++)
            {
                ids[(r * t) + c] = row[c];
                mask[(r * t) + c] = 1;
            }

            for (var c = row.Length; c < t; c++)
            {
                ids[(r * t) + c] = _tokenizer.PaddingTokenId;
            }
        }

        long[] shape = [b, t];
        var names = new List<string>(3) { "input_ids", "attention_mask" };
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _hasTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[b * t], shape) : null;
        var values = new List<OrtValue>(3) { idsValue, maskValue };
        if (typesValue is not null)
        {
            names.Add("token_type_ids");
            values.Add(typesValue);
        }

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_outputName]);
        var output = outputs[0];
        var data = output.GetTensorDataAsSpan<float>();
        var outShape = output.GetTensorTypeAndShape().Shape;
        var h = (int)outShape[^1];
        Dimensions = h;
        for (var r = 0; r < b; r++)
        {
            var vector = new float[h];
            if (_outputIsPooled)
            {
                data.Slice(r * h, h).CopyTo(vector);
            }
            else
            {
                Pool(data.Slice(r * t * h, t * h), mask.AsSpan(r * t, t), h, vector);
            }

            if (_options.Normalize)
            {
                EmbeddingMath.NormalizeInPlace(vector);
            }

            result[batch[r]] = vector;
        }
    }

    private void Pool(ReadOnlySpan<float> hidden, ReadOnlySpan<long> mask, int h, Span<float> vector)
    {
        if (_options.Pooling == TextPooling.Cls)
        {
            hidden[..h].CopyTo(vector);
            return;
        }

        var count = 0;
        for (var c = 0; c < mask.Length; c++)
        {
            if (mask[c] != 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(vector, hidden.Slice(c * h, h), vector);
                count++;
            }
        }

        if (count > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, count, vector);
        }
    }

    private static (string Name, bool Pooled) PickOutput(IReadOnlyDictionary<string, NodeMetadata> outputs)
    {
        if (outputs.ContainsKey("sentence_embedding"))
        {
            return ("sentence_embedding", true);
        }

        if (outputs.ContainsKey("last_hidden_state"))
        {
            return ("last_hidden_state", false);
        }

        foreach (var (name, meta) in outputs)
        {
            if (meta.Dimensions.Length is 2 or 3)
            {
                return (name, meta.Dimensions.Length == 2);
            }
        }

        throw new InvalidDataException($"The encoder has no sentence_embedding or last_hidden_state output (outputs: {string.Join(", ", outputs.Keys)}).");
    }
}
