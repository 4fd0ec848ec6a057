using AgentRec.Api.Limits;
using AgentRec.Api.Security;
using AgentRec.Api.ScaleOut;
using AgentRec.Connectors.Qdrant;
using AgentRec.Core.Hosting;
using AgentRec.Core.Pipeline;
using AgentRec.Plugins;
using AgentRec.Plugins.Mcp;
using Microsoft.AspNetCore.Diagnostics;
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
            ctx.ProblemDetails.Extensions.TryAdd("code", status switch
            {
                StatusCodes.Status400BadRequest => ErrorCodes.InvalidRequest,
                StatusCodes.Status401Unauthorized => "unauthorized",
                StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
                StatusCodes.Status404NotFound => "not_found",
                StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
                StatusCodes.Status413PayloadTooLarge => "payload_too_large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
                StatusCodes.Status429TooManyRequests => RateLimitCodes.RateLimited,
                _ => ErrorCodes.Internal,
            });
        });
        builder.Services.AddOpenApi();
        // Message size and stream buffer come from Limits (AddAgentRecLimits).
        var signalR = builder.Services.AddSignalR()
            .AddJsonProtocol()
            .AddMessagePackProtocol();
        builder.AddAgentRecScaleOut(signalR);    // Redis backplane and shared conversations when ScaleOut:Redis is set; OpenTelemetry
        return builder;
    }

    /// <summary>Turns unhandled exceptions and bare error statuses into problem details, serves the chat page, then authenticates and rate-limits.</summary>
    public static WebApplication UseAgentRecErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
