using AgentRec.Core.Catalog;

namespace AgentRec.Core.Personalization;

/// <summary>
/// Trains the collaborative model in the background at start-up, so the service answers at once (content-only
/// personalization) and fuses CF in as soon as the model is ready.
/// </summary>
public sealed partial class CollaborativeModel
{
    private readonly Task<CollaborativePersonalizer> _training;

    /// <summary>Starts training on the catalog's ratings.</summary>
    public CollaborativeModel(LoadedCatalog catalog, ILogger<CollaborativeModel> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _training = Task.Run(() =>
        {
            var watch = Stopwatch.StartNew();
            var model = CollaborativePersonalizer.Train(catalog.Ratings);
            LogReady(logger, model.ItemCount, watch.Elapsed.TotalSeconds);
            return model;
        });
        _training.ContinueWith(t => LogFailed(logger, t.Exception!), TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>Builds a model that is ready at once (tests, tools).</summary>
    public CollaborativeModel(CollaborativePersonalizer trained) => _training = Task.FromResult(trained);

    /// <summary>The trained model, or null while training runs (or after it failed).</summary>
    public CollaborativePersonalizer? Current => _training.IsCompletedSuccessfully ? _training.Result : null;

    /// <summary>Completes when training has finished.</summary>
    public Task WhenReady => _training;

    [LoggerMessage(Level = LogLevel.Information, Message = "Collaborative model (sequential EASE) ready: {Items} items in {Seconds:F1} s")]
    private static partial void LogReady(ILogger logger, int items, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Collaborative model training failed; personalization stays content-only")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
