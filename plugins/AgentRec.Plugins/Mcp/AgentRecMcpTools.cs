using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Server;

namespace AgentRec.Plugins.Mcp;

/// <summary>
/// The plugins' kernel functions as Model Context Protocol tools, with the same names, descriptions and
/// parameter schemas, so an MCP host and a Semantic Kernel agent see one API.
/// </summary>
public static class AgentRecMcpTools
{
    /// <summary>One MCP tool per kernel function of <see cref="AgentRecPluginExtensions.PluginTypes"/>; the plugin instance comes from the request's services.</summary>
    public static IReadOnlyList<McpServerTool> Create()
    {
        var tools = new List<McpServerTool>();
        foreach (var type in AgentRecPluginExtensions.PluginTypes)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<KernelFunctionAttribute>() is not { Name: { } name })
                {
                    continue;
                }

                var pluginType = type;
                var tool = McpServerTool.Create(
                    method,
                    context => context.Services!.GetRequiredService(pluginType),
                    new McpServerToolCreateOptions
                    {
                        Name = name,
                        Description = method.GetCustomAttribute<DescriptionAttribute>()?.Description,
                        ReadOnly = name != "record_feedback",
                        Destructive = false,
                        Idempotent = name != "record_feedback",
                        OpenWorld = false,
                    });
                tools.Add(new PluginMcpTool(tool));
            }
        }

        return tools;
    }
}
