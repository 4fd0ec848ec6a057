using System.Threading.RateLimiting;
using AgentRec.Api.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AgentRec.Api.Limits;

/// <summary>Registers the request size limits and the REST, MCP and hub rate limits from <see cref="LimitsOptions"/>.</summary>
public static class LimitsExtensions
{
    /// <summary>The rate-limit policy of the REST and MCP endpoints.</summary>
    public const string HttpPolicy = "per-caller";

    /// <summary>Lets only callers that authorization <paramref name="policy"/> admits reach the endpoints, each caller within <see cref="HttpPolicy"/>.</summary>
    public static TBuilder RequireCallerWithinLimits<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy).RequireRateLimiting(HttpPolicy);

    /// <summary>Adds <see cref="LimitsOptions"/> (validated at start-up), Kestrel's body limit, SignalR's sizes and the limiters.</summary>
    public static IHostApplicationBuilder AddAgentRecLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddValidatedOptions<LimitsOptions>(LimitsOptions.SectionName);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((k, l) => k.Limits.MaxRequestBodySize = l.Value.MaxRequestBodyBytes);
        services.AddOptions<HubOptions>().Configure<IOptions<LimitsOptions>>((h, l) =>
        {
            h.MaximumReceiveMessageSize = l.Value.MaxHubMessageBytes;
            h.StreamBufferCapacity = l.Value.StreamBufferCapacity;
        });
        services.AddSingleton<HubUserRateLimiter>();
        services.AddSingleton<HubRateLimitFilter>();
        services.AddOptions<HubOptions>().Configure(h => h.AddFilter<HubRateLimitFilter>());

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((o, l) =>
        {
            var limits = l.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(HttpPolicy, context => RateLimitPartition.GetFixedWindowLimiter(ClientErrorLog.SourceOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.HttpRequestsPerWindow,
                Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                QueueLimit = 0,
            }));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : limits.WindowSeconds;
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = ErrorCodes.RateLimited,
                        Detail = string.Create(CultureInfo.InvariantCulture, $"Too many requests; retry after {seconds} s."),
                        Extensions = { ["code"] = ErrorCodes.RateLimited },
                    },
                }).ConfigureAwait(false);
            };
        });
        return builder;
    }
}
