using System.Net.Http.Headers;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>The service in ApiKey mode with two users (alice, bob) and an admin, and small rate limits off.</summary>
public sealed class SecuredService : IDisposable
{
    public const string AliceKey = "alice-key-0123456789abcdef";
    public const string BobKey = "bob-key-0123456789abcdef";
    public const string AdminKey = "admin-key-0123456789abcdef";

    public SecuredService()
    {
        App = AgentRecAppFactory.Start(0, null, b =>
        {
            b.UseSetting("Auth:Mode", "ApiKey");
            b.UseSetting("Auth:ApiKeys:0:Key", AliceKey);
            b.UseSetting("Auth:ApiKeys:0:UserId", "alice");
            b.UseSetting("Auth:ApiKeys:1:Key", BobKey);
            b.UseSetting("Auth:ApiKeys:1:UserId", "bob");
            b.UseSetting("Auth:ApiKeys:2:Key", AdminKey);
            b.UseSetting("Auth:ApiKeys:2:UserId", "ops");
            b.UseSetting("Auth:ApiKeys:2:Roles:0", "admin");
        });
    }

    public AgentRecAppFactory App { get; }

    public HttpClient Client(string? key)
    {
        var client = App.CreateHttpClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>A hub connection that presents <paramref name="key"/> as the access_token query value, as a browser would.</summary>
    public Task<HubConnection> ConnectAsync(string key) => ConnectAsync(App, key);

    /// <summary>A hub connection to <paramref name="app"/> that presents <paramref name="key"/> as the access_token query value.</summary>
    public static async Task<HubConnection> ConnectAsync(AgentRecAppFactory app, string key)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/recommend"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public void Dispose() => App.Dispose();
}
