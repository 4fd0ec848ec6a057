using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Adapter;
using AgentRec.Core.Retrieval.Stores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Makes the encoder and the item vector index available without holding up start-up: opens the trained encoder from
/// <see cref="HybridRetrievalOptions.EncoderDirectory"/>, or trains it once in the background and saves it there when
/// none exists, then loads (or builds and caches) the item vectors. Until then <see cref="Current"/> is null and the
/// hybrid retriever answers lexically.
/// </summary>
public sealed partial class ItemVectorService(
    LoadedCatalog loaded,
    IOptions<HybridRetrievalOptions> options,
    IOptions<CatalogOptions> catalogOptions,
    ILogger<ItemVectorService> logger,
    IOptions<VectorStoreOptions>? storeOptions = null,
    IExternalItemVectorStore? external = null,
    IEncoderTrainer? encoderTrainer = null,
    IOptions<QueryBatchingOptions>? batchingOptions = null,
    TimeProvider? timeProvider = null) : BackgroundService
{
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ReadyIndex? _current;
    private BatchingEmbeddingGenerator? _batcher;

    /// <summary>The encoder and index once ready; null while loading or training.</summary>
    public ReadyIndex? Current => _current;

    /// <summary>Completes once preparation ends: true when the vector index serves, false when retrieval stays lexical.</summary>
    public Task<bool> WhenReady => _ready.Task;

    /// <summary>
    /// The encoder and the item index built with it; <paramref name="Store"/> is the external store (Qdrant) that
    /// vector searches go to when one is configured and reachable, else null (the in-process index serves).
    /// </summary>
    public sealed record ReadyIndex(
        IEmbeddingGenerator<string, Embedding<float>> Encoder, ItemVectorIndex Index, VectorStoreCollection<string, ItemVectorRecord>? Store = null)
    {
        /// <summary>Embeds request texts: a pretrained encoder's query side (its query prefix), else <see cref="Encoder"/>.</summary>
        public IEmbeddingGenerator<string, Embedding<float>> QueryEncoder { get; init; } = Encoder;

        /// <summary>
        /// Whether Chinese words may go to <see cref="QueryEncoder"/>: the own encoder's hashed character n-grams take
        /// them, the pretrained models (English WordPiece vocabularies) do not, so the retriever keeps them to BM25 there.
        /// </summary>
        public bool QueryEncoderReadsChinese { get; init; } = true;
    }

    /// <summary>The model manifest: configuration, then models/models.json under the repository; null when neither exists.</summary>
    public string? ResolveModelManifest() =>
        options.Value.ModelManifest is { Length: > 0 } configured ? configured
        : DataPaths.FindRepositoryRoot() is { } root ? Path.Combine(root, "models", "models.json")
        : null;

    /// <summary>
    /// Opens the pretrained encoder <paramref name="name"/>; null (with a warning naming the file at fault) when it is
    /// missing, corrupt or does not load, so the own encoder serves instead.
    /// </summary>
    internal PretrainedTextEncoder? OpenPretrained(string name)
    {
        var manifestPath = ResolveModelManifest();
        if (manifestPath is null || !File.Exists(manifestPath))
        {
            PretrainedUnusable(name, manifestPath ?? "models/models.json", "the model manifest does not exist");
            return null;
        }

        try
        {
            var manifest = Models.ModelManifest.Load(manifestPath);
            if (manifest.Find(name) is not { } model)
            {
                PretrainedUnusable(name, manifestPath, $"the manifest has no model '{name}'");
                return null;
            }

            var encoder = PretrainedTextEncoder.Open(model, manifest.Folder, intraOpThreads: 1);
            var pooling = encoder.Pooling == TextPooling.Cls ? "cls" : "mean";
            var prefix = encoder.QueryPrefix.Length > 0 ? "\"" + encoder.QueryPrefix + "\"" : "none";
            LogPretrained(logger, name, pooling, prefix, encoder.ModelPath);
            return encoder;
        }
        catch (PretrainedEncoderException ex)
        {
            PretrainedUnusable(name, ex.File ?? name, ex.Message);
        }
        catch (Models.ModelManifestException ex)
        {
            PretrainedUnusable(name, manifestPath, ex.Message);
        }

        return null;
    }

    private void PretrainedUnusable(string name, string file, string reason) =>
        logger.FellBack("encoder", "the own encoder", $"encoder {name} cannot be used ({file}: {reason})");

    /// <summary>
    /// The pretrained encoder's query side: with <see cref="QueryBatchingOptions.Enabled"/>, concurrent requests' texts
    /// share one ONNX run; a transformer run costs far more per call than per extra short text.
    /// </summary>
    private IEmbeddingGenerator<string, Embedding<float>> QueryEncoder(PretrainedTextEncoder pretrained)
    {
        if (batchingOptions?.Value is not { Enabled: true } batching)
        {
            return pretrained.Queries;
        }

        _batcher = new BatchingEmbeddingGenerator(pretrained.EncodeQueries, batching, timeProvider, pretrained.Model.Name);
        LogBatching(logger, batching.WindowMs, batching.MaxBatch, batching.MaxConcurrentRuns);
        return _batcher;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _batcher?.Dispose();
        base.Dispose();
    }

    /// <summary>Where the trained encoder lives: configuration, then models/trained/encoder under the repository, then the cache.</summary>
    public string ResolveEncoderDirectory() =>
        options.Value.EncoderDirectory is { Length: > 0 } configured ? configured
        : DataPaths.FindTrainedModelPath("encoder") ?? Path.Combine(catalogOptions.Value.ResolveCacheDirectory(), "models", "encoder");

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host starts serving (lexically) while this runs.
        await Task.Yield();
        var remote = storeOptions?.Value is { UsesQdrant: true } ? external : null;
        LogStore(logger, remote is null ? "in-process (exact cosine over the item matrix)" : remote.Description);
        try
        {
            var fusedWith = options.Value.FusedPretrained;
            var pretrained = string.Equals(options.Value.Encoder, HybridRetrievalOptions.OwnEncoder, StringComparison.OrdinalIgnoreCase)
                ? null
                : OpenPretrained(fusedWith ?? options.Value.Encoder);
            if (pretrained is not null && fusedWith is null)
            {
                await ServeAsync(pretrained, QueryEncoder(pretrained), pretrained.ModelSha256[..16], remote, stoppingToken).ConfigureAwait(false);
                return;
            }

            var directory = ResolveEncoderDirectory();
            if (!File.Exists(Path.Combine(directory, EncoderManifest.FileName)) && !AdapterManifest.IsAdapterFolder(directory))
            {
                if (!options.Value.TrainWhenMissing || encoderTrainer is null)
                {
                    pretrained?.Dispose();
                    logger.FellBack("retrieve", "lexical retrieval", $"no trained encoder in {directory} and Retrieval:TrainWhenMissing is off");
                    return;
                }

                LogTraining(logger, directory);
                var seconds = await Task.Run(() => encoderTrainer.TrainAndSave(loaded, directory, logger, stoppingToken), stoppingToken).ConfigureAwait(false);
                LogTrained(logger, seconds, directory);
            }

            // One intra-op thread: requests bring their own concurrency, and a pool that spins per short query only steals
            // the cores the other requests need.
            IEmbeddingGenerator<string, Embedding<float>> encoder;
            string modelFingerprint;
            if (AdapterManifest.IsAdapterFolder(directory))
            {
                var adapted = AdaptedEncoder.Load(directory, intraOpThreads: 1);
                encoder = adapted;
                modelFingerprint = $"{adapted.Manifest.ModelSha256[..8]}{adapted.Manifest.BaseModelSha256[..8]}";
                var baseFolder = adapted.Manifest.ResolveBase(directory);
                LogAdapter(logger, baseFolder, adapted.Manifest.OutputDims, directory);
            }
            else
            {
                var hashed = HashedNgramEncoder.Load(directory, intraOpThreads: 1);
                encoder = hashed;
                modelFingerprint = hashed.Manifest.ModelSha256[..16];
                LogOwn(logger, directory);
            }

            if (pretrained is not null)
            {
                // Chinese texts go to the own side alone: the pretrained models read English WordPiece only.
                var weight = options.Value.FusedEncoderWeight;
                var name = options.Value.Encoder;
                var documents = new FusedTextEncoder(encoder, pretrained, pretrained.Dimensions, weight, name);
                var queries = new FusedTextEncoder(encoder, QueryEncoder(pretrained), pretrained.Dimensions, weight, name, text => !TextTokens.HasCjk(text));
                LogFused(logger, name, weight);
                await ServeAsync(
                    documents, queries, string.Create(CultureInfo.InvariantCulture, $"{modelFingerprint[..8]}{pretrained.ModelSha256[..8]}w{weight:0.###}"), remote, stoppingToken)
                    .ConfigureAwait(false);
                return;
            }

            await ServeAsync(encoder, encoder, modelFingerprint, remote, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            LogFailed(logger, e.Message);
        }
        finally
        {
            _ready.TrySetResult(_current is not null);
        }
    }

    /// <summary>Loads (or builds and caches) the item vectors with <paramref name="encoder"/> and starts serving them.</summary>
    private async Task ServeAsync(
        IEmbeddingGenerator<string, Embedding<float>> encoder, IEmbeddingGenerator<string, Embedding<float>> queryEncoder, string modelFingerprint,
        IExternalItemVectorStore? remote, CancellationToken stoppingToken)
    {
        var cache = options.Value.VectorCacheDirectory is { Length: > 0 } v ? v : Path.Combine(catalogOptions.Value.ResolveCacheDirectory(), "vectors");
        var index = await ItemVectorIndex.LoadOrBuildAsync(
            loaded.Catalog, encoder, CatalogFingerprint.Of(loaded.Catalog), modelFingerprint, cache, logger, storeOptions?.Value.Ann, stoppingToken).ConfigureAwait(false);
        var store = remote is null ? null : await remote.SyncAsync(loaded.Catalog, index, stoppingToken).ConfigureAwait(false);
        _current = new ReadyIndex(encoder, index, store) { QueryEncoder = queryEncoder, QueryEncoderReadsChinese = encoder is not PretrainedTextEncoder };
        LogReady(logger, index.Collection.Count, index.Collection.Dimensions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encoder: {Name}, pretrained ({Pooling} pooling, L2-normalised, query prefix {Prefix}), {Path}")]
    private static partial void LogPretrained(ILogger logger, string name, string pooling, string prefix, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Query embedding: concurrent requests batched into one encoder run (window {WindowMs} ms, at most {MaxBatch} texts, {Runs} runs at once)")]
    private static partial void LogBatching(ILogger logger, double windowMs, int maxBatch, int runs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encoder: {Name}, the own encoder fused with the pretrained one (weight {Weight} on the pretrained cosine; Chinese requests by the own encoder alone)")]
    private static partial void LogFused(ILogger logger, string name, double weight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encoder: own (hashed n-gram encoder trained on the catalog, {Directory})")]
    private static partial void LogOwn(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encoder: the pretrained model in {BaseFolder} with the linear adapter trained on the catalog ({Dims} dims, {Directory})")]
    private static partial void LogAdapter(ILogger logger, string baseFolder, int dims, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Item vector store: {Store}")]
    private static partial void LogStore(ILogger logger, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "No trained encoder in {Directory}: training one in the background; retrieval is lexical until it is ready")]
    private static partial void LogTraining(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained the encoder in {Seconds} s and saved it to {Directory}")]
    private static partial void LogTrained(ILogger logger, double seconds, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hybrid retrieval ready: {Count} item vectors of {Dims} dims")]
    private static partial void LogReady(ILogger logger, int count, int dims);

    [LoggerMessage(Level = LogLevel.Error, Message = "The vector index could not be prepared ({Reason}); hybrid retrieval answers lexically")]
    private static partial void LogFailed(ILogger logger, string reason);
}
