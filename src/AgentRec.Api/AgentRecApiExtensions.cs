using AgentRec.Api.ScaleOut;
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
        builder.Services.AddAgentRecPluginServices();
        builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "agentrec", Version = typeof(AgentRecApiExtensions).Assembly.GetName().Version?.ToString() ?? "1.0" })
            .WithHttpTransport()
            .WithTools(AgentRecMcpTools.Create());
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, PipelineJsonContext.Default));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Every problem carries a stable machine-readable code, including the framework's own (bad JSON, 404).
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            ctx.ProblemDetails.Extensions.TryAdd("code", status switch
            {
                StatusCodes.Status400BadRequest => ErrorCodes.InvalidRequest,
                StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
                StatusCodes.Status404NotFound => "not_found",
                StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
                StatusCodes.Status413PayloadTooLarge => "payload_too_large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
                _ => ErrorCodes.Internal,
            });
        });
        builder.Services.AddOpenApi();
        var signalR = builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 64 * 1024;
                o.StreamBufferCapacity = 32;
            })
            .AddJsonProtocol()
            .AddMessagePackProtocol();
        builder.AddAgentRecScaleOut(signalR);    // Redis backplane and shared conversations when ScaleOut:Redis is set; OpenTelemetry
        return builder;
    }

    /// <summary>Turns unhandled exceptions and bare error statuses into problem details, and serves the chat page.</summary>
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
        return app;
    }
}
