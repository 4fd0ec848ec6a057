using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;

namespace AgentRec.Core.Hosting;

/// <summary>
/// Registers the reranker and the (query, text) pair scorer: the cross-encoder when <c>Ranking:CrossEncoder:Path</c>
/// is set; otherwise the trained weights (<c>Ranking:TrainedPath</c>, default models/trained/reranker) when present,
/// else the hand-set linear weighting while the weights are learned in the background (<see cref="SelfTrainingReranker"/>,
/// unless <c>Ranking:TrainWhenMissing</c> is false); BM25 scores pairs without a cross-encoder. The choice is logged at start-up.
/// </summary>
public static partial class RankingHostingExtensions
{
    /// <summary>Configuration key of the trained reranker's folder.</summary>
    public const string TrainedPathKey = $"{RankingOptions.SectionName}:{nameof(RankingOptions.TrainedPath)}";

    /// <summary>Configuration key: learn the reranker's weights in the background when none are saved (default true).</summary>
    public const string TrainWhenMissingKey = $"{RankingOptions.SectionName}:{nameof(RankingOptions.TrainWhenMissing)}";

    /// <summary>Adds <see cref="IReranker"/> and <see cref="IPairScorer"/>; needs the catalog, its BM25 index and priors.</summary>
    public static IHostApplicationBuilder AddReranking(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddValidatedOptions<RankingOptions>(RankingOptions.SectionName);
        builder.AddValidatedOptions<CrossEncoderOptions>(CrossEncoderOptions.SectionName);
        services.AddSingleton<LexicalPairScorer>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{CrossEncoderOptions.SectionName}:Path"]))
        {
            services.AddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<CrossEncoderOptions>>().Value;
                var encoder = OnnxCrossEncoder.Open(options.Path!, options, sp.GetRequiredService<ItemPriors>());
                var logger = Logger(sp);
                var folder = Path.GetFullPath(options.Path!);
                LogCrossEncoder(logger, folder, options.MaxSequenceLength, options.BatchSize);
                return encoder;
            });
            services.AddSingleton<IReranker>(sp => sp.GetRequiredService<OnnxCrossEncoder>());
            services.AddSingleton<IPairScorer>(sp => sp.GetRequiredService<OnnxCrossEncoder>());
            return builder;
        }

        var folder = builder.Configuration[TrainedPathKey] ?? RerankerWeights.DefaultFolder();
        services.AddSingleton<IPairScorer>(sp => sp.GetRequiredService<LexicalPairScorer>());
        var path = folder is null ? null : Path.Combine(folder, RerankerWeights.FileName);
        if ((path is null || !File.Exists(path)) && builder.Configuration.GetValue(TrainWhenMissingKey, true))
        {
            services.AddSingleton(sp => new SelfTrainingReranker(
                sp.GetRequiredService<Catalog.LoadedCatalog>(), sp.GetRequiredService<ItemPriors>(), sp.GetRequiredService<LexicalPairScorer>(), folder, Logger(sp)));
            services.AddSingleton<IReranker>(sp => sp.GetRequiredService<SelfTrainingReranker>());
            services.AddDeferredHostedService<SelfTrainingReranker>();
            return builder;
        }

        services.AddSingleton<IReranker>(sp => CreateFeatureReranker(sp, folder));
        return builder;
    }

    private static IReranker CreateFeatureReranker(IServiceProvider sp, string? folder)
    {
        var logger = Logger(sp);
        var priors = sp.GetRequiredService<ItemPriors>();
        var path = folder is null ? null : Path.Combine(folder, RerankerWeights.FileName);
        if (path is null || !File.Exists(path))
        {
            LogHandSet(logger, path ?? "(no repository)");
            return new LinearFeatureReranker(priors);
        }

        try
        {
            var weights = RerankerWeights.Load(path);
            var (trained, handSet) = weights.Training.TrainedVersusHandSet();
            LogTrained(logger, path, trained, handSet);
            return new TrainedReranker(weights, priors, sp.GetRequiredService<LexicalPairScorer>());
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // A stale or damaged weights file must not stop the service: the hand-set weighting still ranks well.
            logger.FellBack("rerank", "the hand-set linear features", $"the reranker weights {path} are unreadable", ex);
            return new LinearFeatureReranker(priors);
        }
    }

    private static ILogger Logger(IServiceProvider sp) => sp.GetRequiredService<ILoggerFactory>().CreateLogger("AgentRec.Core.Ranking");

    [LoggerMessage(Level = LogLevel.Information, Message = "Reranker: ONNX cross-encoder from {Folder} (max {MaxLength} tokens, batch {BatchSize})")]
    private static partial void LogCrossEncoder(ILogger logger, string folder, int maxLength, int batchSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reranker: trained weights {Path} (validation NDCG@10 {Trained:0.0000} vs hand-set {HandSet:0.0000})")]
    private static partial void LogTrained(ILogger logger, string path, double trained, double handSet);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reranker: hand-set linear features (no trained weights at {Path}; `agentrec train reranker` writes them)")]
    private static partial void LogHandSet(ILogger logger, string path);
}
