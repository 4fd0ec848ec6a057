using System.ComponentModel;
using System.Reflection;
using AgentRec.Core.Llm;
using AgentRec.Plugins;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace AgentRec.Agents;

/// <summary>
/// AgentRec as a Microsoft Agent Framework <see cref="AIAgent"/>: a <see cref="ChatClientAgent"/> over any
/// <see cref="IChatClient"/> whose tools are the recommendation plugin's functions (recommend, similar_items, explain,
/// record_feedback) with the same names, descriptions and parameter schemas as the Semantic Kernel plugin and the MCP
/// server, running the same pipeline. The agent's instructions are prompts/agent.yaml.
/// </summary>
public static class AgentRecAgent
{
    /// <summary>The agent's name, and the key it is registered under.</summary>
    public const string Name = "agentrec";

    /// <summary>The instructions, relative to the repository root or the app's folder.</summary>
    public const string PromptRelativePath = "prompts/agent.yaml";

    /// <summary>The tools, over the <see cref="RecommendationPlugin"/> in <paramref name="services"/> (AgentRec's core and plugin services).</summary>
    public static IList<AITool> Tools(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var plugin = services.GetRequiredService<RecommendationPlugin>();
        var tools = new List<AITool>();
        foreach (var method in typeof(RecommendationPlugin).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (method.GetCustomAttribute<KernelFunctionAttribute>() is { Name: { } name })
            {
                tools.Add(AIFunctionFactory.Create(method, plugin, new AIFunctionFactoryOptions
                {
                    Name = name,
                    Description = method.GetCustomAttribute<DescriptionAttribute>()?.Description,
                }));
            }
        }

        return tools;
    }

    /// <summary>An agent that answers through <paramref name="chatClient"/> and calls AgentRec's tools from <paramref name="services"/>.</summary>
    public static AIAgent Create(IChatClient chatClient, IServiceProvider services, string? instructionsPath = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentNullException.ThrowIfNull(services);
        var prompt = ChatPrompt.Load(ChatPrompt.Locate(PromptRelativePath, instructionsPath));
        var instructions = string.Join('\n', prompt.Messages.Where(m => m.Role == "system").Select(m => m.Content));
        return new ChatClientAgent(chatClient, new ChatClientAgentOptions
        {
            Name = Name,
            Description = "Recommends movies and books from the AgentRec catalog, finds similar titles, explains items and records feedback.",
            ChatOptions = new ChatOptions
            {
                Instructions = instructions,
                Tools = Tools(services),
                Temperature = prompt.Temperature,
                MaxOutputTokens = prompt.MaxTokens,
            },
        }, services.GetService<ILoggerFactory>(), services);
    }

    /// <summary>
    /// Registers the agent as a keyed <see cref="AIAgent"/> (<see cref="Name"/>) over the registered <see cref="IChatClient"/>,
    /// for an Agent Framework host beside the Semantic Kernel plugins and the MCP server; AgentRec's core services must be registered.
    /// </summary>
    public static IServiceCollection AddAgentRecAgent(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAgentRecPluginServices();
        services.AddKeyedSingleton<AIAgent>(Name, (sp, _) => Create(
            sp.GetService<IChatClient>() ?? throw new InvalidOperationException("The AgentRec agent needs an IChatClient: set Llm:ModelPath, or register the host's chat client."),
            sp));
        return services;
    }
}
