using AgentRec.Connectors.Qdrant;
using AgentRec.Core.Hosting;
using AgentRec.Plugins;
using AgentRec.Plugins.Mcp;
using Microsoft.Extensions.Hosting;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec mcp --stdio</c>: AgentRec as an MCP server over standard input/output, for desktop agent hosts.</summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Serve MCP over standard input and output (the transport desktop agent hosts spawn).", Required = true };
        var command = new Command("mcp", "Run AgentRec's tools (recommend, similar_items, explain, record_feedback, search_catalog, rerank) as a Model Context Protocol server.")
        {
            stdio,
        };
        command.SetAction(async (parse, ct) =>
        {
            var builder = Host.CreateApplicationBuilder();
            // stdout carries the protocol; every log line goes to stderr.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            // The transport first: hosted services start in order, and a client's handshake (with its short probe
            // timeout) must not wait for the catalog to load; tool calls wait for start-up instead (PluginMcpTool).
            // AgentRec's own hosted services are resolved only when started (DeferredHostedService), so building
            // them does not load the catalog ahead of the transport either.
            builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "agentrec", Version = "1.0" })
                .WithStdioServerTransport()
                .WithTools(AgentRecMcpTools.Create());
            builder.AddAgentRecCore();
            builder.AddQdrantItemVectorStore();
            builder.Services.AddAgentRecPluginServices();
            using var host = builder.Build();
            await host.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
