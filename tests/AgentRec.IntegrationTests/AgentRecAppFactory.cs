using AgentRec.Core.Personalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRec.IntegrationTests;

/// <summary>
/// The real AgentRec service on Kestrel at a loopback port, with its state in a throw-away database, shared by
/// the tests of a collection. Clients talk to it over real sockets.
/// </summary>
public sealed class AgentRecAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-it-").FullName;

    public AgentRecAppFactory()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        // Tests see the fully trained service, as /readyz reports it.
        Services.GetRequiredService<CollaborativeModel>().WhenReady.GetAwaiter().GetResult();
    }

    /// <summary>The service's loopback address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The state database this instance writes.</summary>
    public string DatabasePath => Path.Combine(_folder, "state.db");

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
        builder.UseEnvironment("Development");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
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
