using System.Numerics;
using AgentRec.Core.Retrieval;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace AgentRec.Core.Ranking;

/// <summary>
/// A BERT-family cross-encoder in the ms-marco-MiniLM-L-6-v2 layout (model.onnx + vocab.txt): each (query, text) pair
/// is encoded as [CLS] q [SEP] d [SEP] with token types 0/1, truncated longest-first, batched with per-batch padding;
/// the logit (or the positive class of two) goes through a sigmoid. As a reranker its relevance replaces the text
/// match of the linear weighting, so explicit sorts still order by rating, popularity or year. Thread-safe.
/// </summary>
public sealed class OnnxCrossEncoder : IReranker, IPairScorer, IDisposable
{
    /// <summary>File name of the graph inside a model folder.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>File name of the WordPiece vocabulary inside a model folder.</summary>
    public const string VocabFileName = "vocab.txt";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly CrossEncoderOptions _options;
    private readonly ItemPriors? _priors;
    private readonly bool _hasTokenTypes;
    private readonly string _outputName;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly RunOptions _runOptions = new();

    private OnnxCrossEncoder(InferenceSession session, BertTokenizer tokenizer, CrossEncoderOptions options, ItemPriors? priors, string outputName)
    {
        _session = session;
        _tokenizer = tokenizer;
        _options = options;
        _priors = priors;
        _outputName = outputName;
        _hasTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        _inputNames = _hasTokenTypes ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];
        _outputNames = [outputName];
    }

    /// <summary>The folder the model was opened from.</summary>
    public string Folder { get; private init; } = string.Empty;

    /// <summary>
    /// Opens the cross-encoder in <paramref name="folder"/> (model.onnx and vocab.txt). Throws
    /// <see cref="FileNotFoundException"/> naming the missing file, or <see cref="InvalidDataException"/> naming a file that
    /// is not a usable model. <paramref name="priors"/> lets explicit sorts weigh rating and popularity.
    /// </summary>
    public static OnnxCrossEncoder Open(string folder, CrossEncoderOptions? options = null, ItemPriors? priors = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new CrossEncoderOptions();
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cross-encoder folder '{folder}' does not exist.");
        }

        var modelPath = Path.Combine(folder, ModelFileName);
        var vocabPath = Path.Combine(folder, VocabFileName);
        foreach (var path in new[] { modelPath, vocabPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Cross-encoder file '{path}' is missing (a cross-encoder folder holds {ModelFileName} and {VocabFileName}).", path);
            }
        }

        BertTokenizer tokenizer;
        try
        {
            tokenizer = BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = options.LowerCase });
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or IOException)
        {
            throw new InvalidDataException($"Cross-encoder vocabulary '{vocabPath}' is not a WordPiece vocab.txt: {ex.Message}", ex);
        }

        InferenceSession session;
        try
        {
            using var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            if (options.IntraOpThreads > 0)
            {
                sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
            }

            Embeddings.OnnxExecutionProviders.Append(sessionOptions, options.ExecutionProvider);

            session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"Cross-encoder model '{modelPath}' could not be loaded: {ex.Message}", ex);
        }

        try
        {
            var inputs = session.InputMetadata;
            if (!inputs.ContainsKey("input_ids") || !inputs.ContainsKey("attention_mask"))
            {
                throw new InvalidDataException(
                    $"Cross-encoder model '{modelPath}' needs inputs input_ids and attention_mask; it has {string.Join(", ", inputs.Keys)}.");
            }

            var output = PickOutput(session.OutputMetadata, modelPath);
            return new OnnxCrossEncoder(session, tokenizer, options, priors, output) { Folder = folder };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The model inputs of one pair: ids [CLS] q [SEP] d [SEP] and token types (0 up to the first [SEP], 1 after),
    /// the longer side trimmed first until the pair fits <see cref="CrossEncoderOptions.MaxSequenceLength"/>.
    /// </summary>
    public (int[] Ids, int[] TypeIds) EncodePair(string query, string text)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(text);
        var q = WordPieces(query);
        var d = WordPieces(text);
        var (qLen, dLen) = Fit(q.Count, d.Count);
        var ids = new int[qLen + dLen + 3];
        var types = new int[ids.Length];
        WritePair<int>(ids, types, q, qLen, d, dLen);
        return (ids, types);
    }

    /// <summary>
    /// Writes one pair's ids [CLS] q [SEP] d [SEP] (the first <paramref name="qLen"/> and <paramref name="dLen"/> pieces)
    /// and token types (0 up to the first [SEP], 1 after) at the start of the rows; returns the pair's length.
    /// </summary>
    private int WritePair<T>(Span<T> ids, Span<T> types, IReadOnlyList<int> query, int qLen, IReadOnlyList<int> doc, int dLen)
        where T : struct, INumber<T>
    {
        var length = qLen + dLen + 3;
        ids[0] = T.CreateTruncating(_tokenizer.ClassificationTokenId);
        for (var i = 0; i < qLen; i++)
        {
            ids[1 + i] = T.CreateTruncating(query[i]);
        }

        ids[qLen + 1] = T.CreateTruncating(_tokenizer.SeparatorTokenId);
        for (var i = 0; i < dLen; i++)
        {
            ids[qLen + 2 + i] = T.CreateTruncating(doc[i]);
        }

        ids[length - 1] = T.CreateTruncating(_tokenizer.SeparatorTokenId);
        types[..(qLen + 2)].Clear();
        types[(qLen + 2)..length].Fill(T.One);
        return length;
    }

    /// <summary>Relevance of every text to <paramref name="query"/> in (0, 1) (sigmoid of the logit), in input order.</summary>
    public float[] ScorePairs(string query, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(texts);
        var count = texts.Count;
        var scores = new float[count];
        if (count == 0)
        {
            return scores;
        }

        // The query is tokenized once for all its pairs; per-call buffers come from the shared pools.
        var q = WordPieces(query);
        var docs = ArrayPool<IReadOnlyList<int>>.Shared.Rent(count);
        var order = ArrayPool<int>.Shared.Rent(count);
        var kept = ArrayPool<int>.Shared.Rent(count * 4); // per pair: kept query and text pieces; then sorted lengths and run ends
        try
        {
            var sorted = kept.AsSpan(2 * count, count);
            for (var i = 0; i < count; i++)
            {
                docs[i] = WordPieces(texts[i] ?? string.Empty);
                var (qLen, dLen) = Fit(q.Count, docs[i].Count);
                kept[2 * i] = qLen;
                kept[(2 * i) + 1] = dLen;
                sorted[i] = qLen + dLen + 3;
            }

            // Length-sorted runs of at most the batch size, split where padding would cost more than another run;
            // scores go back to input order.
            Embeddings.Onnx.PaddedRuns.SortByLength(sorted, order.AsSpan(0, count));
            var ends = kept.AsSpan(3 * count, count);
            var runs = Embeddings.Onnx.PaddedRuns.Split(sorted, Math.Max(1, _options.BatchSize), ends);
            for (int r = 0, start = 0; r < runs; start = ends[r++])
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunBatch(order.AsSpan(start, ends[r] - start), q, docs, kept, scores);
            }
        }
        finally
        {
            Array.Clear(docs, 0, count);
            ArrayPool<IReadOnlyList<int>>.Shared.Return(docs);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(kept);
        }

        return scores;
    }

    /// <inheritdoc />
    public double[] Score(string query, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var scores = ScorePairs(query, texts, cancellationToken);
        var result = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            result[i] = scores[i];
        }

        return result;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ScoredCandidate>> RerankAsync(
        RecommendationIntent intent, string message, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(candidates);
        var query = string.IsNullOrWhiteSpace(message) ? QueryFromIntent(intent) : message;
        var texts = new string[candidates.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = candidates[i].Item.Description;
        }

        var relevance = ScorePairs(query, texts, cancellationToken);
        var years = LinearFeatureReranker.YearRange(candidates);
        var reasons = new RerankReasons(intent);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            double rating = _priors?.Rating(c.CatalogIndex) ?? 0, popularity = _priors?.Popularity(c.CatalogIndex) ?? 0;
            c.RerankScore = LinearFeatureReranker.Combine(intent.Sort, relevance[i], rating, popularity, LinearFeatureReranker.Recency(c, years));
            reasons.AddTo(c);
        }

        return LinearFeatureReranker.ByRerankScore(candidates);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static string QueryFromIntent(RecommendationIntent intent)
    {
        var parts = new List<string>(intent.Genres.Count + intent.Keywords.Count + intent.SimilarTo.Count);
        parts.AddRange(intent.Genres);
        parts.AddRange(intent.Keywords);
        foreach (var anchor in intent.SimilarTo)
        {
            parts.Add(anchor.Title);
        }

        return string.Join(' ', parts);
    }

    private IReadOnlyList<int> WordPieces(string text) =>
        _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);

    /// <summary>Word pieces kept of the query and the text so that [CLS] q [SEP] d [SEP] fits the maximum length.</summary>
    private (int QueryLength, int TextLength) Fit(int qLen, int dLen)
    {
        var budget = Math.Max(0, _options.MaxSequenceLength - 3);
        while (qLen + dLen > budget)
        {
            // Longest-first: trim the longer side (the text on ties), as the Hugging Face tokenizers do.
            if (dLen >= qLen)
            {
                dLen--;
            }
            else
            {
                qLen--;
            }
        }

        return (qLen, dLen);
    }

    /// <summary>Scores one batch; <paramref name="kept"/> holds each pair's query and text piece counts after truncation.</summary>
    private void RunBatch(ReadOnlySpan<int> batch, IReadOnlyList<int> query, IReadOnlyList<int>[] docs, int[] kept, float[] scores)
    {
        var b = batch.Length;
        var t = 0;
        foreach (var i in batch)
        {
            t = Math.Max(t, kept[2 * i] + kept[(2 * i) + 1] + 3);
        }

        var n = b * t;
        var ids = ArrayPool<long>.Shared.Rent(n);
        var mask = ArrayPool<long>.Shared.Rent(n);
        var types = ArrayPool<long>.Shared.Rent(n);
        try
        {
            for (var r = 0; r < b; r++)
            {
                var row = ids.AsSpan(r * t, t);
                var rowTypes = types.AsSpan(r * t, t);
                var length = WritePair(row, rowTypes, query, kept[2 * batch[r]], docs[batch[r]], kept[(2 * batch[r]) + 1]);
                row[length..].Fill(_tokenizer.PaddingTokenId);
                rowTypes[length..].Clear();
                var rowMask = mask.AsSpan(r * t, t);
                rowMask[..length].Fill(1);
                rowMask[length..].Clear();
            }

            using var outputs = Embeddings.Onnx.BertBatchRun.Run(
                _session, _runOptions, _inputNames, _outputNames, ids.AsMemory(0, n), mask.AsMemory(0, n), _hasTokenTypes ? types.AsMemory(0, n) : null, b, t);
            var data = outputs[0].GetTensorDataAsSpan<float>();
            var outShape = outputs[0].GetTensorTypeAndShape().Shape;
            var labels = outShape.Length == 2 ? (int)outShape[1] : 1;
            if (outShape[0] != b || labels is < 1 or > 2)
            {
                throw new InvalidDataException($"Cross-encoder output '{_outputName}' has shape [{string.Join(", ", outShape)}]; [batch, 1] or [batch, 2] was expected.");
            }

            for (var r = 0; r < b; r++)
            {
                // One logit: relevance. Two: a binary classifier whose second class is "relevant"; its log-odds is their difference.
                var logit = labels == 1 ? data[r] : data[(r * 2) + 1] - data[r * 2];
                scores[batch[r]] = 1f / (1f + MathF.Exp(-logit));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    private static string PickOutput(IReadOnlyDictionary<string, NodeMetadata> outputs, string modelPath)
    {
        if (outputs.ContainsKey("logits"))
        {
            return "logits";
        }

        if (outputs.Count == 1)
        {
            var (name, meta) = outputs.First();
            if (meta.Dimensions.Length is 1 or 2)
            {
                return name;
            }
        }

        throw new InvalidDataException(
            $"Cross-encoder model '{modelPath}' has no logits output [batch, 1] or [batch, 2] (outputs: {string.Join(", ", outputs.Keys)}).");
    }
}
