using AgentRec.Core.Contracts;
using AgentRec.Core.Hosting;
using AgentRec.Core.Pipeline;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentRec.Plugins.Mcp;

/// <summary>
/// Turns a plugin's refusal (unknown item, bad signal) into an MCP tool error that carries its code and message;
/// arguments that break the tool's schema or the input limits are refused with <c>invalid_request</c> or
/// <c>message_too_long</c> before it runs; any other failure is logged and becomes <c>internal_error</c> without internals.
/// </summary>
internal sealed partial class PluginMcpTool(McpServerTool inner) : DelegatingMcpServerTool(inner)
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

            if (McpArgumentCheck.Check(ProtocolTool.InputSchema, request.Params?.Arguments) is { } invalid)
            {
                return Error(invalid);
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
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged here once, with the tool's name made log-safe; the caller gets a code and no internals.
            if (request.Services?.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers
                && loggers.CreateLogger<PluginMcpTool>() is { } logger && logger.IsEnabled(LogLevel.Error))
            {
                LogFailed(logger, LogText.Safe(ProtocolTool.Name), ex);
            }

            return Error(ErrorCodes.Format(ErrorCodes.Internal, "The tool failed on the server; please try again."));
        }
    }

    [LoggerMessage(EventId = 9300, Level = LogLevel.Error, Message = "MCP tool {Tool} failed")]
    private static partial void LogFailed(ILogger logger, string tool, Exception exception);

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };
}
