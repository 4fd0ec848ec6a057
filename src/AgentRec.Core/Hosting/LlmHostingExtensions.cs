using AgentRec.Core.Catalog;
using AgentRec.Core.Explanation;
using AgentRec.Core.Intent;
using AgentRec.Core.Llm;
using AgentRec.Core.Pipeline;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Hosting;

/// <summary>
/// Registers the local LLM when <c>Llm:ModelPath</c> is set: the model (loaded at start-up by the engine <c>Llm:Engine</c>
/// names), an <see cref="IChatClient"/> over it wrapped in Microsoft.Extensions.AI's OpenTelemetry middleware (a span
/// and metrics per call in the GenAI semantic conventions, on the <see cref="AgentRecTelemetry"/> source and meter;
/// prompts and answers are not recorded), so a Semantic Kernel <c>Kernel</c> built on these services uses it for chat completion, and, when
/// <c>Pipeline:IntentParser</c> is "llm", the <see cref="LlmIntentParser"/> with the rule parser as its fallback.
/// </summary>
public static class LlmHostingExtensions
{
    /// <summary>True when configuration asks for the LLM intent parser and names a model.</summary>
    public static bool UsesLlmIntentParser(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration[$"{PipelineOptions.SectionName}:{nameof(PipelineOptions.IntentParser)}"], "llm", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(configuration[$"{LlmOptions.SectionName}:{nameof(LlmOptions.ModelPath)}"]);
    }

    /// <summary>True when configuration asks for the LLM explainer and names a model (without a model, start-up fails naming the keys).</summary>
    public static bool UsesLlmExplainer(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return WantsLlmExplainer(configuration[$"{PipelineOptions.SectionName}:{nameof(PipelineOptions.Explainer)}"])
            && !string.IsNullOrWhiteSpace(configuration[$"{LlmOptions.SectionName}:{nameof(LlmOptions.ModelPath)}"]);
    }

    /// <summary>Adds the LLM options and, when a model is configured, the model, its chat client and the start-up check.</summary>
    public static IHostApplicationBuilder AddLocalLlm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddValidatedOptions<LlmOptions>(LlmOptions.SectionName);
        services.AddHostedService<LlmStartup>();
        services.AddOptions<PipelineOptions>().Validate<IOptions<LlmOptions>>(
            (pipeline, llm) => !WantsLlmExplainer(pipeline.Explainer) || !string.IsNullOrWhiteSpace(llm.Value.ModelPath),
            "Pipeline:Explainer is 'llm' but Llm:ModelPath is not set: set Llm:ModelPath to a model folder, or set Pipeline:Explainer to 'template'.");
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{LlmOptions.SectionName}:{nameof(LlmOptions.ModelPath)}"]))
        {
            return builder;
        }

        if (UsesNativeEngine(builder.Configuration))
        {
            AddEngine<OnnxGenAIModel>(services, (folder, provider, logger) => OnnxGenAIModel.Load(folder, provider, logger), (model, time) => new OnnxGenAIChatClient(model, time));
        }
        else
        {
            AddEngine<GenAIEngineModel>(services, (folder, provider, logger) => GenAIEngineModel.Load(folder, provider, logger), (model, time) => new GenAIEngineChatClient(model, time));
        }

        services.AddSingleton(sp => LlmIntentPrompt.Load(LlmIntentPrompt.Locate(sp.GetRequiredService<IOptions<LlmOptions>>().Value.IntentPromptPath)));
        services.AddKeyedSingleton(LlmExplainer.PromptRelativePath, (sp, _) =>
            ChatPrompt.Load(ChatPrompt.Locate(LlmExplainer.PromptRelativePath, sp.GetRequiredService<IOptions<LlmOptions>>().Value.ExplainPromptPath)));
        return builder;
    }

    /// <summary>The LLM explainer over the registered chat client, falling back to <paramref name="template"/>.</summary>
    public static LlmExplainer CreateExplainer(IServiceProvider services, IExplainer template)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new LlmExplainer(
            services.GetRequiredService<IChatClient>(),
            services.GetRequiredKeyedService<ChatPrompt>(LlmExplainer.PromptRelativePath),
            services.GetRequiredService<ItemCatalog>(),
            template,
            services.GetRequiredService<ILogger<LlmExplainer>>(),
            services.GetRequiredService<IOptions<LlmOptions>>().Value.Seed);
    }

    // One engine: its model loaded from Llm:ModelPath (also serving as the ILocalLlmModel), and the chat client over it.
    private static void AddEngine<TModel>(IServiceCollection services, Func<string, string, ILogger<TModel>, TModel> load, Func<TModel, TimeProvider, IChatClient> client)
        where TModel : class, ILocalLlmModel
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return load(options.ModelPath!, options.ExecutionProvider, sp.GetRequiredService<ILogger<TModel>>());
        });
        services.AddSingleton<ILocalLlmModel>(sp => sp.GetRequiredService<TModel>());
        services.AddChatClient(sp => client(sp.GetRequiredService<TModel>(), sp.GetRequiredService<TimeProvider>()))
            .UseOpenTelemetry(sourceName: AgentRecTelemetry.Name);
    }

    /// <summary>True when <c>Llm:Engine</c> names the project's own decode loop; the ONNX Runtime GenAI library (the default) otherwise.</summary>
    public static bool UsesNativeEngine(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration[$"{LlmOptions.SectionName}:{nameof(LlmOptions.Engine)}"], LlmEngines.Native, StringComparison.OrdinalIgnoreCase);
    }

    internal static bool WantsLlmExplainer(string? explainer) => string.Equals(explainer, "llm", StringComparison.OrdinalIgnoreCase);

    /// <summary>The LLM parser over the registered chat client, falling back to <paramref name="rules"/>.</summary>
    public static LlmIntentParser CreateIntentParser(IServiceProvider services, IIntentParser rules)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new LlmIntentParser(
            services.GetRequiredService<IChatClient>(),
            services.GetRequiredService<LlmIntentPrompt>(),
            rules,
            services.GetRequiredService<TitleResolver>(),
            LlmIntentParser.CatalogGenres(services.GetRequiredService<ItemCatalog>()),
            services.GetRequiredService<IOptions<LlmOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<LlmIntentParser>>());
    }
}

/// <summary>Loads the configured model at start-up (a missing or corrupt folder stops start-up, naming the file) and logs which model serves what.</summary>
internal sealed partial class LlmStartup(IServiceProvider services, IOptions<LlmOptions> options, IOptions<PipelineOptions> pipeline, ILogger<LlmStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var llm = options.Value;
        var wantsLlm = string.Equals(pipeline.Value.IntentParser, "llm", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(llm.ModelPath))
        {
            if (wantsLlm)
            {
                logger.FellBack("intent", "the rule parser", "Pipeline:IntentParser is 'llm' but Llm:ModelPath is not set");
            }

            return Task.CompletedTask;
        }

        var model = services.GetRequiredService<ILocalLlmModel>();
        var name = model.Name;
        var folder = model.Folder;
        var provider = model.ExecutionProvider;
        var engine = model.Engine;
        var intent = wantsLlm ? "llm (rules as fallback)" : "rules";
        if (wantsLlm)
        {
            services.GetRequiredService<LlmIntentPrompt>();
        }

        var explainer = LlmHostingExtensions.WantsLlmExplainer(pipeline.Value.Explainer) ? "llm (grounding guard, template as fallback)" : "template";
        if (explainer != "template")
        {
            services.GetRequiredKeyedService<ChatPrompt>(LlmExplainer.PromptRelativePath);
        }

        LogInUse(logger, name, folder, engine, provider, intent, explainer);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM in use: '{Name}' from {Folder}, engine {Engine} on {Provider}; chat client registered; intent parser: {Intent}; explainer: {Explainer}")]
    private static partial void LogInUse(ILogger logger, string name, string folder, string engine, string provider, string intent, string explainer);
}
