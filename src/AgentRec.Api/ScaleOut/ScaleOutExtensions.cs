using AgentRec.Core.State;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using StackExchange.Redis;

namespace AgentRec.Api.ScaleOut;

/// <summary>Section <c>ScaleOut</c>: what replicas of the service share.</summary>
public sealed class ScaleOutOptions
{
    public const string SectionName = "ScaleOut";

    /// <summary>Redis connection string (StackExchange.Redis syntax). When set, SignalR messages and conversations are shared through it.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of the SignalR channels and of the conversation keys in Redis.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]+$")]
    public string ChannelPrefix { get; set; } = "agentrec";

    /// <summary>How long an idle conversation is kept in Redis, in hours.</summary>
    [Range(1, 24 * 365)]
    public int ConversationTtlHours { get; set; } = 24 * 7;
}

/// <summary>Scale-out (Redis backplane and shared conversations) and OpenTelemetry export.</summary>
public static partial class ScaleOutExtensions
{
    /// <summary>Wires the Redis backplane and conversation store when <c>ScaleOut:Redis</c> is set, and OpenTelemetry always.</summary>
    public static IHostApplicationBuilder AddAgentRecScaleOut(this IHostApplicationBuilder builder, ISignalRServerBuilder signalR)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<ScaleOutOptions>(ScaleOutOptions.SectionName);
        AddTelemetry(builder);
        builder.Services.AddSingleton<IReadinessCheck, CollaborativeModelReadiness>();
        builder.Services.AddSingleton<IReadinessCheck, ItemVectorReadiness>();
        builder.Services.AddSingleton<IReadinessCheck, PipelineWarmupReadiness>();

        var options = builder.Configuration.GetSection(ScaleOutOptions.SectionName).Get<ScaleOutOptions>() ?? new ScaleOutOptions();
        if (options.Redis is not { Length: > 0 } connectionString)
        {
            return builder;
        }

        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        builder.Services.AddSingleton<IReadinessCheck, RedisReadiness>();
        signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration = configuration.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix);
        });

        // Conversations move to Redis; users, interactions and feedback stay in the durable SQLite store.
        builder.Services.TryAddSingleton<SqliteStateStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IStateStore>(sp =>
        {
            var scale = sp.GetRequiredService<IOptions<ScaleOutOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ScaleOutExtensions));
            Log.SharedConversations(logger, scale.ChannelPrefix);
            return new RedisConversationStore(
                sp.GetRequiredService<SqliteStateStore>(), sp.GetRequiredService<IConnectionMultiplexer>(), scale.ChannelPrefix, TimeSpan.FromHours(scale.ConversationTtlHours));
        }));
        return builder;
    }

    private static void AddTelemetry(IHostApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(AgentRecTelemetry.Name))
            .WithMetrics(m => m.AddMeter(AgentRecTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections"))
            .WithLogging();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.
            otel.UseOtlpExporter();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9100, Level = LogLevel.Information, Message = "Scale-out: SignalR backplane and conversations in Redis (prefix '{Prefix}'); feedback stays in SQLite")]
        public static partial void SharedConversations(ILogger logger, string prefix);
    }
}
