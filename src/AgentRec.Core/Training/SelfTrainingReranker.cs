using AgentRec.Core.Catalog;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;

namespace AgentRec.Core.Training;

/// <summary>
/// The default reranker when no trained weights exist yet: ranks with the hand-set linear features from the first
/// request, learns the weights from the catalog's interaction log in the background (<see cref="RerankerTrainer"/>,
/// a few seconds), saves them where <c>agentrec train reranker</c> would, and switches to them. A catalog the trainer
/// cannot learn from keeps the hand-set weighting, with the reason in the log.
/// </summary>
/// <param name="folder">Where learned weights are saved (null: kept in memory).</param>
public sealed partial class SelfTrainingReranker(
    LoadedCatalog loaded, ItemPriors priors, LexicalPairScorer pairs, string? folder, ILogger logger, RerankerTrainingOptions? training = null)
    : BackgroundService, IReranker
{
    private readonly LoadedCatalog _loaded = loaded ?? throw new ArgumentNullException(nameof(loaded));
    private readonly ItemPriors _priors = priors ?? throw new ArgumentNullException(nameof(priors));
    private readonly LexicalPairScorer _pairs = pairs ?? throw new ArgumentNullException(nameof(pairs));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    private readonly string? _folder = folder;
    private readonly RerankerTrainingOptions _training = training ?? new RerankerTrainingOptions();
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReranker _current = new LinearFeatureReranker(priors);

    /// <summary>The reranker serving now: the hand-set weighting until training ends, then the trained one.</summary>
    public IReranker Current => _current;

    /// <summary>Completes when training ends: true when the learned weights serve, false when the hand-set ones stay.</summary>
    public Task<bool> WhenReady => _ready.Task;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ScoredCandidate>> RerankAsync(
        RecommendationIntent intent, string message, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken) =>
        _current.RerankAsync(intent, message, candidates, cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: requests are served with the hand-set weighting meanwhile.
        await Task.Yield();
        var trained = false;
        try
        {
            LogTraining(_logger, _folder ?? "(memory only: no repository)");
            var weights = await Task.Run(() => RerankerTrainer.TrainAsync(_loaded, _training, null, stoppingToken), stoppingToken).ConfigureAwait(false);
            var saved = Save(weights);
            _current = new TrainedReranker(weights, _priors, _pairs);
            trained = true;
            var (learned, handSet) = weights.Training.TrainedVersusHandSet();
            LogTrained(_logger, weights.Training.Seconds, learned, handSet, saved ?? "memory");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is CatalogLoadException or ArgumentException or InvalidDataException)
        {
            _logger.FellBack("rerank", "the hand-set linear features", $"the reranker could not be learned from this catalog ({e.Message})");
        }
        finally
        {
            _ready.TrySetResult(trained);
        }
    }

    private string? Save(RerankerWeights weights)
    {
        if (_folder is null)
        {
            return null;
        }

        try
        {
            return weights.Save(_folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Serving the learned weights does not depend on the file; the next start trains again.
            LogNotSaved(_logger, _folder, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No trained reranker weights: learning them from the interaction log in the background (saved to {Folder}); hand-set features rank meanwhile")]
    private static partial void LogTraining(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reranker trained in {Seconds:0.0} s (validation NDCG@10 {Trained:0.0000} vs hand-set {HandSet:0.0000}); now serving it, saved to {Path}")]
    private static partial void LogTrained(ILogger logger, double seconds, double trained, double handSet, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the learned reranker weights to {Folder} ({Reason}); they serve from memory")]
    private static partial void LogNotSaved(ILogger logger, string folder, string reason);
}
