using AgentRec.Core.Catalog;
using AgentRec.Core.Explanation;
using AgentRec.Core.Intent;
using AgentRec.Core.People;
using AgentRec.Core.Personalization;
using AgentRec.Core.Pipeline;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Stores;
using AgentRec.Core.State;
using AgentRec.Core.Training;

namespace AgentRec.Core.Hosting;

/// <summary>Registers the catalog, the state store and every pipeline stage.</summary>
public static class AgentRecCoreExtensions
{
    /// <summary>Adds AgentRec's core services, options validated at start-up, and the start-up initializer.</summary>
    public static IHostApplicationBuilder AddAgentRecCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddValidatedOptions<CatalogOptions>(CatalogOptions.SectionName);
        builder.AddValidatedOptions<StateOptions>(StateOptions.SectionName);
        builder.AddValidatedOptions<PipelineOptions>(PipelineOptions.SectionName);
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<CatalogLoader>();
        services.AddSingleton(sp => sp.GetRequiredService<CatalogLoader>().Load());
        services.AddSingleton(sp => sp.GetRequiredService<LoadedCatalog>().Catalog);
        services.AddSingleton<ItemPriors>();
        services.AddSingleton<Bm25Index>();
        services.AddSingleton<IStateStore, SqliteStateStore>();

        services.AddSingleton(sp => PeopleHosting.CreateIndex(
            sp.GetRequiredService<LoadedCatalog>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CatalogOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<PeopleIndex>()));
        services.AddSingleton<TitleResolver>();
        services.AddSingleton(sp => new RuleIntentParser(sp.GetRequiredService<TitleResolver>(), sp.GetRequiredService<PeopleIndex>().Finder, sp.GetRequiredService<TimeProvider>()));
        builder.AddLocalLlm();
        AddStageWithFallback<IIntentParser, RuleIntentParser>(services, LlmHostingExtensions.UsesLlmIntentParser(builder.Configuration), LlmHostingExtensions.CreateIntentParser);
        services.AddSingleton<LexicalCandidateRetriever>();
        if (string.Equals(builder.Configuration[$"{PipelineOptions.SectionName}:Retriever"], "hybrid", StringComparison.OrdinalIgnoreCase))
        {
            builder.AddValidatedOptions<HybridRetrievalOptions>(HybridRetrievalOptions.SectionName);
            Embeddings.QueryBatchingHostingExtensions.AddQueryBatching(builder);
            builder.AddItemVectorStore();
            services.AddSingleton<IEncoderTrainer, OwnEncoderTrainer>();
            services.AddSingleton<ItemVectorService>();
            services.AddDeferredHostedService<ItemVectorService>();
            services.AddSingleton<ICandidateRetriever>(sp => new HybridCandidateRetriever(
                sp.GetRequiredService<ItemCatalog>(), sp.GetRequiredService<Bm25Index>(), sp.GetRequiredService<ItemPriors>(),
                sp.GetRequiredService<LexicalCandidateRetriever>(), () => sp.GetRequiredService<ItemVectorService>().Current,
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HybridRetrievalOptions>>(),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HybridRetrievalOptions>>().Value.QueryCacheCapacity is > 0 and var capacity ? new QueryEmbeddingCache(capacity) : null));
        }
        else
        {
            services.AddSingleton<ICandidateRetriever>(sp => sp.GetRequiredService<LexicalCandidateRetriever>());
        }
        builder.AddReranking();
        builder.AddValidatedOptions<PersonalizationOptions>(PersonalizationOptions.SectionName);
        var fusionPath = builder.Configuration[$"{PersonalizationOptions.SectionName}:{nameof(PersonalizationOptions.FusionPath)}"] ?? FusionSettings.DefaultPath();
        services.AddSingleton(sp => new FusionSettingsHolder(FusionSettings.TryLoad(fusionPath, sp.GetRequiredService<ILogger<FusionSettings>>())));
        services.AddSingleton(sp => new ProfilePersonalizer(
            sp.GetRequiredService<ItemCatalog>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<FusionSettingsHolder>().Settings is { } f ? f.TauDays ?? double.PositiveInfinity : ProfilePersonalizer.DefaultTauDays));
        services.AddSingleton(sp => new CollaborativeModel(sp.GetRequiredService<LoadedCatalog>(), sp.GetRequiredService<ILogger<CollaborativeModel>>()));
        services.AddSingleton<IPersonalizer>(sp => new HybridPersonalizer(
            sp.GetRequiredService<ProfilePersonalizer>(), sp.GetRequiredService<CollaborativeModel>(), sp.GetRequiredService<FusionSettingsHolder>().Settings,
            sp.GetRequiredService<ItemCatalog>()));
        services.AddSingleton<TemplateExplainer>();
        AddStageWithFallback<IExplainer, TemplateExplainer>(services, LlmHostingExtensions.UsesLlmExplainer(builder.Configuration), LlmHostingExtensions.CreateExplainer);

        services.AddSingleton<RecommendationPipeline>();
        services.AddSingleton<PipelineWarmup>();
        services.AddDeferredHostedService<PipelineWarmup>();
        services.AddSingleton<FeedbackRecorder>();
        services.AddSingleton<ConversationRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationRetention>());
        services.AddSingleton<AgentRecStartup>();
        services.AddHostedService<AgentRecInitializer>();
        return builder;
    }

    // A stage served by its LLM implementation when configuration asks for one, otherwise by its rule-based one, which
    // is also the keyed fallback the pipeline turns to when the LLM fails.
    private static void AddStageWithFallback<TStage, TRules>(IServiceCollection services, bool useLlm, Func<IServiceProvider, TStage, TStage> createLlm)
        where TStage : class
        where TRules : class, TStage
    {
        if (useLlm)
        {
            services.AddSingleton(sp => createLlm(sp, sp.GetRequiredService<TRules>()));
        }
        else
        {
            services.AddSingleton<TStage>(sp => sp.GetRequiredService<TRules>());
        }

        services.AddKeyedSingleton<TStage>(StageKeys.Fallback, (sp, _) => sp.GetRequiredService<TRules>());
    }
}

/// <summary>The fusion settings loaded at start-up, or null when the built-in values apply.</summary>
internal sealed record FusionSettingsHolder(FusionSettings? Settings);
