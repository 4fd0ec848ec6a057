using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace AgentRec.Core.Embeddings;

/// <summary>
/// A BERT-family ONNX encoder (all-MiniLM-L6-v2, bge-small, e5-small, or a graph from the project's builder) with its
/// WordPiece tokenizer: batches sorted by length and padded per batch, mean or CLS pooling over the attention mask,
/// L2 normalisation. Thread-safe.
/// </summary>
public sealed class OnnxTextEncoder : LocalEmbeddingGenerator
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly OnnxTextEncoderOptions _options;
    private readonly bool _hasTokenTypes;
    private readonly string _outputName;
    private readonly bool _outputIsPooled;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private long[] _zeros = new long[256];

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

        OnnxExecutionProviders.Append(sessionOptions, _options.ExecutionProvider);

        _session = new InferenceSession(modelPath, sessionOptions);
        var inputs = _session.InputMetadata;
        if (!inputs.ContainsKey("input_ids") || !inputs.ContainsKey("attention_mask"))
        {
            _session.Dispose();
            throw new InvalidDataException($"'{modelPath}' is not a BERT-family encoder: inputs input_ids and attention_mask are required, found {string.Join(", ", inputs.Keys)}.");
        }

        _hasTokenTypes = inputs.ContainsKey("token_type_ids");
        _inputNames = _hasTokenTypes ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];
        (_outputName, _outputIsPooled) = PickOutput(_session.OutputMetadata);
        _outputNames = [_outputName];
        var dims = _session.OutputMetadata[_outputName].Dimensions;
        Dimensions = dims[^1] > 0 ? dims[^1] : 0;
        Metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, _options.ModelId, Dimensions > 0 ? Dimensions : null);
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
        var ids = WordPieces(text);
        var result = new int[SequenceLength(ids)];
        result[0] = _tokenizer.ClassificationTokenId;
        for (var i = 1; i < result.Length - 1; i++)
        {
            result[i] = ids[i - 1];
        }

        result[^1] = _tokenizer.SeparatorTokenId;
        return result;
    }

    /// <summary>Embeds every text; rows are in input order.</summary>
    public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var count = texts.Count;
        var result = new float[count][];
        if (count == 0)
        {
            return result;
        }

        // Per-call buffers come from the shared pools, so a steady stream of calls allocates only the tokenizer's
        // id lists and the returned vectors.
        var tokens = ArrayPool<IReadOnlyList<int>>.Shared.Rent(count);
        var order = ArrayPool<int>.Shared.Rent(count);
        var lengths = ArrayPool<int>.Shared.Rent(count);
        var ends = ArrayPool<int>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                tokens[i] = WordPieces(texts[i]);
                lengths[i] = SequenceLength(tokens[i]);
            }

            // Length-sorted runs of at most the batch size, split where padding would cost more than another run.
            Onnx.PaddedRuns.SortByLength(lengths.AsSpan(0, count), order.AsSpan(0, count));
            var runs = Onnx.PaddedRuns.Split(lengths.AsSpan(0, count), Math.Max(1, _options.BatchSize), ends);
            for (int r = 0, start = 0; r < runs; start = ends[r++])
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunBatch(order.AsSpan(start, ends[r] - start), tokens, result);
            }
        }
        finally
        {
            Array.Clear(tokens, 0, count);
            ArrayPool<IReadOnlyList<int>>.Shared.Return(tokens);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(lengths);
            ArrayPool<int>.Shared.Return(ends);
        }

        return result;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private protected override EmbeddingGeneratorMetadata Metadata { get; }

    private protected override float[][] EncodeForGeneration(IReadOnlyList<string> texts, CancellationToken cancellationToken) => Encode(texts, cancellationToken);

    private IReadOnlyList<int> WordPieces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
    }

    /// <summary>Length of the model's sequence for a text's word pieces: [CLS], as many pieces as fit, [SEP].</summary>
    private int SequenceLength(IReadOnlyList<int> pieces) => Math.Min(pieces.Count, Math.Max(0, _options.MaxSequenceLength - 2)) + 2;

    // Length-sorted runs keep padding small; results go back to input order. A key is the length above the
    // position, so one primitive sort orders by length and keeps input order among equal lengths; the sorted
    // lengths are what the run split reads.
    private void RunBatch(ReadOnlySpan<int> batch, IReadOnlyList<int>[] tokens, float[][] result)
    {
        var b = batch.Length;
        var t = 0;
        foreach (var i in batch)
        {
            t = Math.Max(t, SequenceLength(tokens[i]));
        }

        var n = b * t;
        var ids = ArrayPool<long>.Shared.Rent(n);
        var mask = ArrayPool<long>.Shared.Rent(n);
        try
        {
            for (var r = 0; r < b; r++)
            {
                var pieces = tokens[batch[r]];
                var length = SequenceLength(pieces);
                var row = ids.AsSpan(r * t, t);
                row[0] = _tokenizer.ClassificationTokenId;
                for (var c = 1; c < length - 1; c++)
                {
                    row[c] = pieces[c - 1];
                }

                row[length - 1] = _tokenizer.SeparatorTokenId;
                row[length..].Fill(_tokenizer.PaddingTokenId);
                var rowMask = mask.AsSpan(r * t, t);
                rowMask[..length].Fill(1);
                rowMask[length..].Clear();
            }

            // The output stays in the runtime's arena. A pre-bound managed output (up to 12 MB at batch 32 and 256 tokens)
            // would save only that arena allocation, and the shared pool keeps such arrays per calling thread.
            using var outputs = Onnx.BertBatchRun.Run(
                _session, _runOptions, _inputNames, _outputNames, ids.AsMemory(0, n), mask.AsMemory(0, n), _hasTokenTypes ? Zeros(n) : null, b, t);
            var output = outputs[0];
            var h = (int)output.GetTensorTypeAndShape().Shape[^1];
            Dimensions = h;
            Collect(batch, output.GetTensorDataAsSpan<float>(), t, h, tokens, result);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
        }
    }

    private void Collect(ReadOnlySpan<int> batch, ReadOnlySpan<float> data, int t, int h, IReadOnlyList<int>[] tokens, float[][] result)
    {
        for (var r = 0; r < batch.Length; r++)
        {
            var vector = new float[h];
            if (_outputIsPooled)
            {
                data.Slice(r * h, h).CopyTo(vector);
            }
            else
            {
                Pool(data.Slice(r * t * h, t * h), SequenceLength(tokens[batch[r]]), h, vector);
            }

            if (_options.Normalize)
            {
                EmbeddingMath.NormalizeInPlace(vector);
            }

            result[batch[r]] = vector;
        }
    }

    /// <summary>Token types of single-segment input: zeros, shared read-only by all calls and grown when a batch needs more.</summary>
    private Memory<long> Zeros(int length)
    {
        var zeros = Volatile.Read(ref _zeros);
        if (zeros.Length < length)
        {
            zeros = new long[Math.Max(length, zeros.Length * 2)];
            Volatile.Write(ref _zeros, zeros);
        }

        return zeros.AsMemory(0, length);
    }

    /// <summary>Pools the first <paramref name="length"/> token vectors, the attended ones (the mask is a prefix of ones).</summary>
    private void Pool(ReadOnlySpan<float> hidden, int length, int h, Span<float> vector)
    {
        if (_options.Pooling == TextPooling.Cls)
        {
            hidden[..h].CopyTo(vector);
            return;
        }

        for (var c = 0; c < length; c++)
        {
            TensorPrimitives.Add(vector, hidden.Slice(c * h, h), vector);
        }

        if (length > 0)
        {
            TensorPrimitives.Divide(vector, length, vector);
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
