using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>
/// Where an API key may travel: the <c>X-Api-Key</c> header everywhere; a bearer header or the <c>access_token</c>
/// query value only on the hub's own paths, where SignalR clients (browsers included) send their access token.
/// </summary>
public sealed class CredentialPlacementTests(SecuredService service) : IClassFixture<SecuredService>
{
    [Theory]
    [InlineData("/api/recommendations")]
    [InlineData("/api/feedback")]
    [InlineData("/mcp")]
    public async Task A_key_in_the_query_string_is_ignored_outside_the_hub(string path)
    {
        using var client = service.Client(null);
        using var body = JsonContent.Create(new { message = "comedies", itemId = "1", signal = "like" });

        using var response = await client.PostAsync(new Uri(path + "?access_token=" + SecuredService.AliceKey, UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_admin_key_in_the_query_string_opens_nothing()
    {
        using var client = service.Client(null);

        using var response = await client.GetAsync(new Uri("/api/admin/status?access_token=" + SecuredService.AdminKey, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_key_as_a_bearer_header_is_ignored_on_REST()
    {
        using var client = service.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecuredService.AliceKey);

        using var response = await client.PostAsJsonAsync("/api/recommendations", new { message = "comedies" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_header_key_still_works_on_REST()
    {
        using var client = service.Client(SecuredService.AliceKey);

        using var response = await client.PostAsJsonAsync("/api/recommendations", new { message = "comedies" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task The_hub_takes_the_key_as_its_access_token_on_every_transport(HttpTransportType transport)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(service.App.BaseAddress, "/hubs/recommend"), transport, o => o.AccessTokenProvider = () => Task.FromResult<string?>(SecuredService.AliceKey))
            .Build();
        await using (connection)
        {
            await connection.StartAsync();
            var events = new List<RecommendationEvent>();
            await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", new RecommendRequest { Message = "two comedies" }))
            {
                events.Add(e);
            }

            Assert.Equal(RecommendationEventTypes.Done, events[^1].Type);
        }
    }
}

/// <summary>The OpenAPI document is served to anyone only in Development; elsewhere it needs a caller's credentials.</summary>
public sealed class OpenApiExposureTests
{
    [Fact]
    public async Task Outside_Development_the_OpenAPI_document_needs_a_key()
    {
        using var app = AgentRecAppFactory.Start(0, null, b =>
        {
            b.UseEnvironment("Staging");
            b.UseSetting("Auth:Mode", "ApiKey");
            b.UseSetting("Auth:ApiKeys:0:Key", SecuredService.AliceKey);
            b.UseSetting("Auth:ApiKeys:0:UserId", "alice");
            b.UseSetting("Catalog:IncludeBooks", "false");
        });
        using var anonymous = app.CreateHttpClient();
        using var keyed = app.CreateHttpClient();
        keyed.DefaultRequestHeaders.Add("X-Api-Key", SecuredService.AliceKey);

        using var refused = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var served = await keyed.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
