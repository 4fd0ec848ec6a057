using AgentRec.Core.Hosting;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentRec.Plugins.Mcp;

/// <summary>
/// Turns a plugin's refusal (unknown item, bad signal) into an MCP tool error that carries its code and message;
/// any other failure becomes a short error without internals.
/// </summary>
internal sealed class PluginMcpTool(McpServerTool inner) : DelegatingMcpServerTool(inner)
{
    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        try
        {
            // A stdio server answers the handshake while the catalog still loads; calls wait for it.
            if (request.Services?.GetService(typeof(AgentRecStartup)) is AgentRecStartup startup)
            {
                await startup.WhenStarted.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return await base.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentRecPluginException ex)
        {
            return Error($"{ex.Code}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex.InnerException is AgentRecPluginException inner)
        {
            return Error($"{inner.Code}: {inner.Message}");
        }
    }

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };
}
