using AgentRec.Api.Diagnostics;
using AgentRec.Api.Hubs;
using AgentRec.Api.Limits;
using AgentRec.Api.Mcp;
using AgentRec.Api.ScaleOut;
using AgentRec.Api.Security;
using AgentRec.Connectors.Qdrant;
using AgentRec.Core.Hosting;
using AgentRec.Plugins;
using AgentRec.Plugins.Mcp;
using Microsoft.AspNetCore.Http.Json;

namespace AgentRec.Api;

/// <summary>Registers the service's web surface on top of the core pipeline.</summary>
public static class AgentRecApiExtensions
{
    /// <summary>Adds the core services, SignalR with the JSON and MessagePack protocols, and problem details.</summary>
    public static IHostApplicationBuilder AddAgentRec(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAgentRecCore();
        builder.AddQdrantItemVectorStore();   // the item vectors in Qdrant when VectorStore:Provider=qdrant
        builder.AddAgentRecSecurity();
        builder.AddAgentRecClientErrors();
        builder.AddAgentRecLimits();
        builder.Services.AddAgentRecPluginServices();
        builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "agentrec", Version = typeof(AgentRecApiExtensions).Assembly.GetName().Version?.ToString() ?? "1.0" })
            .WithHttpTransport()
            .WithTools(AgentRecMcpTools.Create().Select(t => (ModelContextProtocol.Server.McpServerTool)new OwnedMcpTool(t)));
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, PipelineJsonContext.Default));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Every problem carries a stable machine-readable code, including the framework's own (bad JSON, 404).
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            var code = status switch
            {
                StatusCodes.Status400BadRequest => ErrorCodes.InvalidRequest,
                StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
                StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
                StatusCodes.Status404NotFound => ErrorCodes.NotFound,
                StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
                StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
                StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
                _ => ErrorCodes.Internal,
            };
            ctx.ProblemDetails.Extensions.TryAdd("code", code);
            if (status is >= 400 and < 500)
            {
                var http = ctx.HttpContext;
                http.RequestServices.GetRequiredService<ClientErrorLog>().Refused("rest", ClientErrorLog.SourceOf(http),
                    ctx.ProblemDetails.Extensions["code"] as string ?? code, http.Request.Method + " " + http.Request.Path + ": " + ctx.ProblemDetails.Detail);
            }
        });
        builder.Services.AddOpenApi();
        // Message size and stream buffer come from Limits (AddAgentRecLimits).
        var signalR = builder.Services.AddSignalR()
            .AddJsonProtocol()
            .AddMessagePackProtocol();
        builder.AddAgentRecScaleOut(signalR);    // Redis backplane and shared conversations when ScaleOut:Redis is set; OpenTelemetry
        CodedHubProtocol.Decorate(builder.Services);
        return builder;
    }

    /// <summary>
    /// Adds the rate-limited log of refused calls and the outermost hub filter that feeds it (registered before the
    /// rate-limit filter, so it also sees that filter's refusals); SignalR's own failure entries are filtered out.
    /// </summary>
    private static void AddAgentRecClientErrors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClientErrorLog>();
        builder.Services.AddSingleton<HubErrorFilter>();
        builder.Services.AddOptions<HubOptions>().Configure(h => h.AddFilter<HubErrorFilter>());
        builder.Logging.AddFilter(HubErrorFilter.DispatcherCategory, LogLevel.Critical);
    }

    /// <summary>
    /// Turns unhandled exceptions and bare error statuses into problem details, serves the chat page, authenticates,
    /// rate-limits, and checks MCP messages before the MCP server reads them.
    /// </summary>
    public static WebApplication UseAgentRecErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            // A body the caller got wrong is a client error: logged once, rate-limited, without a stack trace, by the
            // problem details it becomes (ClientErrorLog), not as a server failure.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException { StatusCode: < 500 },
        });
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWhen(c => c.Request.Path.StartsWithSegments(McpRequestGuard.Path), mcp => mcp.UseMiddleware<McpRequestGuard>());
        return app;
    }
}
