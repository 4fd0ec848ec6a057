using AgentRec.Core.Catalog;
using AgentRec.Core.Personalization;
using AgentRec.Core.Ranking;
using AgentRec.Core.State;
using AgentRec.Core.Training;

namespace AgentRec.Core.Hosting;

/// <summary>
/// Runs before the server accepts requests: loads the catalog, migrates the state store, imports the catalog's
/// ratings on first run, builds the indexes, and logs which implementation serves each stage.
/// </summary>
public sealed partial class AgentRecInitializer(
    IServiceProvider services, IOptions<StateOptions> stateOptions, Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<AgentRecInitializer> logger)
    : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var startup = services.GetRequiredService<AgentRecStartup>();
        try
        {
            await StartCoreAsync(cancellationToken).ConfigureAwait(false);
            startup.Completed();
        }
        catch (Exception ex)
        {
            startup.Failed(ex);
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        // The vocabulary files are read now, so a malformed one stops start-up with its name and line.
        _ = Intent.Vocabulary.CueVocabulary.Default;
        _ = Intent.Vocabulary.TitleAliases.Default;
        var loaded = services.GetRequiredService<LoadedCatalog>();
        var unmatched = Intent.Vocabulary.MoodVocabulary.Default.MissingKeywords(loaded.Catalog.Items);
        if (unmatched.Count > 0)
        {
            LogUnmatchedMoodKeywords(logger, Intent.Vocabulary.MoodVocabulary.FileName, string.Join(", ", unmatched));
        }

        var store = services.GetRequiredService<IStateStore>();
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var counts = await store.GetCountsAsync(cancellationToken).ConfigureAwait(false);
        if (counts.Interactions == 0 && stateOptions.Value.ImportRatingsOnStart && loaded.Ratings.Count > 0)
        {
            await store.ImportRatingsAsync(loaded.Ratings, null, cancellationToken).ConfigureAwait(false);
        }

        // Resolve every stage now so index building happens at start-up, not on the first request.
        var parser = Describe(services.GetRequiredService<IIntentParser>());
        var retriever = Describe(services.GetRequiredService<ICandidateRetriever>());
        var reranker = Describe(services.GetRequiredService<IReranker>());
        var personalizer = Describe(services.GetRequiredService<IPersonalizer>());
        var explainer = Describe(services.GetRequiredService<IExplainer>());
        LogStages(logger, parser, retriever, reranker, personalizer, explainer);
        var llm = parser.StartsWith("Llm", StringComparison.Ordinal)
            ? "LLM from " + configuration["Llm:ModelPath"]
            : "rules (no LLM configured)";
        var encoder = retriever.StartsWith("Hybrid", StringComparison.Ordinal)
            ? "BM25 + the project's trained hashed n-gram encoder (models/trained/encoder; trained in the background when missing)"
            : "BM25 over catalog text (no encoder)";
        var rerank = services.GetRequiredService<IReranker>() switch
        {
            OnnxCrossEncoder => "the ONNX cross-encoder at Ranking:CrossEncoder:Path",
            TrainedReranker => "the feature model trained on the interaction log (models/trained/reranker)",
            SelfTrainingReranker => "hand-set features while the feature model is learned from the interaction log in the background",
            _ => reranker,
        };
        LogModels(logger, llm, encoder, rerank);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Describe(object stage) => stage.GetType().Name;

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline stages: intent={Parser}, retrieval={Retriever}, rerank={Reranker}, personalize={Personalizer}, explain={Explainer}")]
    private static partial void LogStages(ILogger logger, string parser, string retriever, string reranker, string personalizer, string explainer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Models in use: intent by {Intent}; retrieval by {Retrieval}; rerank by {Rerank}; collaborative model trained on start; explanations by grounded templates")]
    private static partial void LogModels(ILogger logger, string intent, string retrieval, string rerank);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{File}: these keywords are no catalog item's tag and match only as text: {Keywords}")]
    private static partial void LogUnmatchedMoodKeywords(ILogger logger, string file, string keywords);
}
