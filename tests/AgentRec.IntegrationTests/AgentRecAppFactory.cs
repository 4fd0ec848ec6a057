using AgentRec.Core.Personalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AgentRec.IntegrationTests;

/// <summary>
/// The real AgentRec service on Kestrel at a loopback port, with its state in a throw-away database, shared by
/// the tests of a collection. Clients talk to it over real sockets.
/// </summary>
public sealed class AgentRecAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder;

    private readonly Action<IWebHostBuilder>? _configure;

    public AgentRecAppFactory()
        : this(port: 0, folder: null, configure: null)
    {
    }

    private AgentRecAppFactory(int port, string? folder, Action<IWebHostBuilder>? configure)
    {
        _configure = configure;
        _folder = folder ?? Directory.CreateTempSubdirectory("agentrec-it-").FullName;
        OwnsFolder = folder is null;
        UseKestrel(port);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        // Tests see the fully trained service, as /readyz reports it.
        Services.GetRequiredService<CollaborativeModel>().WhenReady.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Starts the service on <paramref name="port"/> (0: any free port) with its state under <paramref name="folder"/>
    /// (a new temp folder when null), after <paramref name="configure"/> adjusts the host.
    /// </summary>
    public static AgentRecAppFactory Start(int port, string? folder, Action<IWebHostBuilder>? configure) => new(port, folder, configure);

    /// <summary>The service's loopback address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The state database this instance writes.</summary>
    public string DatabasePath => Path.Combine(_folder, "state.db");

    /// <summary>The folder holding this instance's state.</summary>
    public string Folder => _folder;

    private bool OwnsFolder { get; }

    /// <summary>A started SignalR connection to the recommend hub.</summary>
    public async Task<HubConnection> ConnectAsync(bool messagePack = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, "/hubs/recommend"));
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder.Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>An HTTP client for the service's address.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("State:DatabasePath", DatabasePath);
        builder.UseSetting("Catalog:IncludeBooks", "true");
        // Lexical unless a test asks for hybrid retrieval with an encoder of its own (HybridServiceTests), so the
        // suite never trains the default encoder (or reranker) into the checkout.
        builder.UseSetting("Pipeline:Retriever", "lexical");
        builder.UseSetting("Ranking:TrainWhenMissing", "false");
        // No start-up warm-up: each test host would spend seconds of the suite's two cores on it (PipelineWarmupTests
        // turns it on).
        builder.UseSetting("Pipeline:WarmupSeconds", "0");
        builder.UseEnvironment("Development");
        _configure?.Invoke(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsFolder)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a finishing request; the temp folder is reclaimed by the OS.
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<AgentRecAppFactory>
{
    public const string Name = "service";
}
