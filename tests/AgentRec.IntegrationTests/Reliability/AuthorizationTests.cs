using Microsoft.AspNetCore.SignalR;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>With API keys, a caller reads and writes only their own data on REST, the hub and MCP.</summary>
public sealed class AuthorizationTests(SecuredService service) : IClassFixture<SecuredService>
{
    [Fact]
    public async Task Rest_feedback_for_another_user_is_forbidden()
    {
        using var bob = service.Client(SecuredService.BobKey);

        using var response = await bob.PostAsJsonAsync("/api/feedback", new { userId = "alice", itemId = "1", signal = "like" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(response));
    }

    [Fact]
    public async Task Rest_recommendation_as_another_user_is_forbidden()
    {
        using var bob = service.Client(SecuredService.BobKey);

        using var response = await bob.PostAsJsonAsync("/api/recommendations", new { message = "comedies", userId = "alice" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(response));
    }

    [Fact]
    public async Task Rest_feedback_without_a_user_id_is_stored_for_the_key_holder()
    {
        using var alice = service.Client(SecuredService.AliceKey);

        using var response = await alice.PostAsJsonAsync("/api/feedback", new { itemId = "1", signal = "like" });

        response.EnsureSuccessStatusCode();
        var ack = await response.Content.ReadFromJsonAsync<FeedbackAck>();
        Assert.Equal("alice", ack!.UserId);
    }

    [Fact]
    public async Task Rest_without_a_key_is_unauthorized_with_a_code()
    {
        using var anonymous = service.Client(null);

        using var response = await anonymous.PostAsJsonAsync("/api/feedback", new { userId = "alice", itemId = "1", signal = "like" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized", await CodeOf(response));
    }

    [Fact]
    public async Task Admin_status_needs_the_admin_role()
    {
        using var alice = service.Client(SecuredService.AliceKey);
        using var admin = service.Client(SecuredService.AdminKey);
        using var nobody = service.Client(null);

        using var asAlice = await alice.GetAsync("/api/admin/status");
        using var asNobody = await nobody.GetAsync("/api/admin/status");
        using var asAdmin = await admin.GetAsync("/api/admin/status");

        Assert.Equal(HttpStatusCode.Forbidden, asAlice.StatusCode);
        Assert.Equal("forbidden", await CodeOf(asAlice));
        Assert.Equal(HttpStatusCode.Unauthorized, asNobody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        using var status = System.Text.Json.JsonDocument.Parse(await asAdmin.Content.ReadAsStringAsync());
        var root = status.RootElement;
        Assert.Equal(9742, root.GetProperty("catalog").GetProperty("movies").GetInt32());
        Assert.True(root.GetProperty("store").GetProperty("users").GetInt64() > 0);
        Assert.Equal("RuleIntentParser", root.GetProperty("stages").GetProperty("intent").GetString());
        Assert.NotEmpty(root.GetProperty("readiness").EnumerateArray());
    }

    [Fact]
    public async Task Rest_with_an_unknown_key_is_unauthorized()
    {
        using var stranger = service.Client("not-a-key-0123456789abcdef");

        using var response = await stranger.PostAsJsonAsync("/api/recommendations", new { message = "comedies" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Hub_refuses_feedback_for_another_user_and_stays_usable()
    {
        await using var bob = await service.ConnectAsync(SecuredService.BobKey);

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            bob.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { UserId = "alice", ItemId = "1", Signal = "like" }));
        var own = await bob.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { ItemId = "1", Signal = "like" });

        Assert.Contains(ErrorCodes.Forbidden + ":", refused.Message, StringComparison.Ordinal);
        Assert.Equal("bob", own.UserId);
    }

    [Fact]
    public async Task Hub_recommendation_as_another_user_streams_a_forbidden_error()
    {
        await using var bob = await service.ConnectAsync(SecuredService.BobKey);

        var events = new List<RecommendationEvent>();
        await foreach (var e in bob.StreamAsync<RecommendationEvent>("Recommend", new RecommendRequest { Message = "comedies", UserId = "alice" }))
        {
            events.Add(e);
        }

        var only = Assert.Single(events);
        Assert.Equal(ErrorCodes.Forbidden, only.Error!.Code);
    }

    [Fact]
    public async Task Hub_without_a_key_cannot_connect()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(service.App.BaseAddress, "/hubs/recommend")).Build();
        await using (connection)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        }
    }

    [Fact]
    public async Task Mcp_feedback_for_another_user_is_a_forbidden_tool_error()
    {
        await using var bob = await McpAsync(SecuredService.BobKey);

        var result = await bob.CallToolAsync("record_feedback", new Dictionary<string, object?> { ["user_id"] = "alice", ["item_id"] = "1", ["signal"] = "like" });

        Assert.True(result.IsError);
        Assert.StartsWith(ErrorCodes.Forbidden, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_feedback_without_a_user_id_is_stored_for_the_key_holder()
    {
        await using var alice = await McpAsync(SecuredService.AliceKey);

        var result = await alice.CallToolAsync("record_feedback", new Dictionary<string, object?> { ["item_id"] = "2", ["signal"] = "watched" });

        Assert.NotEqual(true, result.IsError);
        Assert.Contains("alice", JsonSerializer.Serialize(result.StructuredContent ?? (object)result.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_without_a_key_is_refused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => McpAsync(null));
    }

    private async Task<McpClient> McpAsync(string? key)
    {
        var headers = new Dictionary<string, string>();
        if (key is not null)
        {
            headers["X-Api-Key"] = key;
        }

        return await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(service.App.BaseAddress, "/mcp"),
            AdditionalHeaders = headers,
        }));
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
