using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Llm;
using Microsoft.Extensions.AI;
using AgentRec.Core.Ranking;
using AgentRec.Plugins.Agent;
using Microsoft.Extensions.Logging;
using AgentRec.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;

namespace AgentRec.Plugins;

/// <summary>Registers AgentRec's plugins with a kernel.</summary>
public static class AgentRecPluginExtensions
{
    /// <summary>The plugin classes, each a set of kernel functions.</summary>
    public static IReadOnlyList<Type> PluginTypes { get; } = [typeof(RecommendationPlugin), typeof(CatalogPlugin)];

    /// <summary>Adds the plugin classes to a service collection that already holds AgentRec's core services.</summary>
    public static IServiceCollection AddAgentRecPluginServices(this IServiceCollection services)
    {
        services.TryAddSingleton<CatalogSearch>();
        services.TryAddSingleton<LexicalPairScorer>();
        services.TryAddSingleton<IPairScorer>(sp => sp.GetRequiredService<LexicalPairScorer>());
        services.TryAddSingleton<RecommendationPlugin>();
        services.TryAddSingleton<CatalogPlugin>();
        services.TryAddSingleton(sp =>
        {
            // With a configured LLM the model chooses the calls; otherwise the deterministic router does.
            var chat = sp.GetService<IChatClient>();
            return new AgentRecAssistant(
                new Kernel(sp).AddAgentRecPlugins(sp),
                sp.GetRequiredService<IIntentParser>(),
                sp.GetRequiredService<ILogger<AgentRecAssistant>>(),
                chat,
                chat is null ? null : ChatPrompt.Load(ChatPrompt.Locate(AgentRecAssistant.PromptRelativePath)));
        });
        return services;
    }

    /// <summary>Adds the "agentrec" and "catalog" plugins, resolved from <paramref name="services"/>, to the kernel.</summary>
    public static Kernel AddAgentRecPlugins(this Kernel kernel, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        kernel.Plugins.AddFromObject(services.GetRequiredService<RecommendationPlugin>(), "agentrec");
        kernel.Plugins.AddFromObject(services.GetRequiredService<CatalogPlugin>(), "catalog");
        return kernel;
    }

    /// <summary>Adds the plugins to a kernel builder whose services hold AgentRec's core services.</summary>
    public static IKernelBuilderPlugins AddAgentRecPlugins(this IKernelBuilderPlugins plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        plugins.Services.AddAgentRecPluginServices();
        plugins.AddFromType<RecommendationPlugin>("agentrec");
        plugins.AddFromType<CatalogPlugin>("catalog");
        return plugins;
    }
}
