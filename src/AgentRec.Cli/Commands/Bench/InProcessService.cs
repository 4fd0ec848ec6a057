using AgentRec.Api;
using AgentRec.Api.Endpoints;
using AgentRec.Api.Hubs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// The AgentRec service with its default configuration, hosted in this process on Kestrel at a loopback port with its
/// state in a throw-away folder. Server and load generator share this process's cores and memory.
/// </summary>
internal sealed class InProcessService(WebApplication app, string folder, Uri address, StartupTimings timings) : IAsyncDisposable
{
    /// <summary>The service's base address.</summary>
    public Uri Address { get; } = address;

    /// <summary>How long the start took, by phase.</summary>
    public StartupTimings Timings { get; } = timings;

    /// <summary>The running service's services.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>Starts the service and returns once it accepts requests and its collaborative model is trained (/readyz says ready).</summary>
    public static async Task<InProcessService> StartAsync(IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-bench-").FullName;
        var started = Stopwatch.GetTimestamp();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Benchmark" });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);
        // The bench's own settings, then the environment (as the other commands read it); no appsettings files.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Catalog:IncludeBooks"] = "true",
            ["State:ImportRatingsOnStart"] = "true",
            ["State:DatabasePath"] = Path.Combine(folder, "state.db"),
            ["Pipeline:IntentParser"] = "rules",
            ["Pipeline:Retriever"] = "hybrid",
            ["Pipeline:Reranker"] = "features",
            ["Pipeline:Explainer"] = "template",
            // A loopback load generator is one anonymous caller at one address: the per-caller limits would measure
            // themselves, so they are lifted here (the limits have their own tests). Not "Production", which refuses
            // anonymous callers.
            ["Limits:HubCallsPerConnectionPerWindow"] = "1000000",
            ["Limits:HubCallsPerUserPerWindow"] = "1000000",
            ["Limits:HttpRequestsPerWindow"] = "1000000",
        });
        builder.Configuration.AddEnvironmentVariables("AGENTREC_").AddEnvironmentVariables();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddAgentRec();
        var app = builder.Build();
        app.UseAgentRecErrors();
        app.MapRecommendationApi();
        app.MapHub<RecommendHub>(RecommendHub.Path);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var listening = Stopwatch.GetElapsedTime(started);
        // Measured on the embedded default as /readyz reports it: with the item vectors in place, and no first start
        // learning its reranker in the background to compete with the measured requests.
        await Core.Hosting.PipelineWarmup.WhenModelsReadyAsync(app.Services, cancellationToken).ConfigureAwait(false);

        var modelsReady = Stopwatch.GetElapsedTime(started);
        // And the start-up warm-up, which /readyz also waits for.
        await app.Services.GetRequiredService<Core.Hosting.PipelineWarmup>().WhenDone.WaitAsync(cancellationToken).ConfigureAwait(false);
        var ready = Stopwatch.GetElapsedTime(started);
        var address = new Uri(app.Urls.First());
        return new InProcessService(app, folder, address, new StartupTimings(listening, modelsReady, ready));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is reclaimed by the OS.
        }
    }
}

/// <summary>Start-up phases: until Kestrel listens (catalog, state, indexes) and until the collaborative model is trained.</summary>
/// <summary>From the start: listening, models ready (collaborative model, item vectors, reranker), ready (after the warm-up too).</summary>
internal sealed record StartupTimings(TimeSpan Listening, TimeSpan ModelsReady, TimeSpan Ready);
