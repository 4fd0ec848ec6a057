using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentRec.IntegrationTests;

/// <summary>The official MCP client SDK against the hosted service's streamable HTTP endpoint.</summary>
[Collection(ServiceCollection.Name)]
public sealed class McpTests(AgentRecAppFactory app)
{
    [Fact]
    public async Task Lists_the_tools_with_their_parameter_schemas()
    {
        await using var client = await ConnectAsync();

        var tools = await client.ListToolsAsync();

        var names = tools.Select(t => t.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "recommend", "similar_items", "explain", "record_feedback", "search_catalog", "rerank" }, names);
        var recommend = tools.Single(t => t.Name == "recommend");
        Assert.False(string.IsNullOrWhiteSpace(recommend.Description));
        var properties = recommend.JsonSchema.GetProperty("properties");
        Assert.True(properties.TryGetProperty("request", out _));
        Assert.True(properties.TryGetProperty("user_id", out _));
        Assert.Contains("request", recommend.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Feedback_recorded_through_a_tool_shows_in_the_next_recommendation()
    {
        await using var client = await ConnectAsync();
        var userId = "mcp-" + Guid.NewGuid().ToString("N")[..8];
        var first = await CallAsync(client, "recommend", new() { ["request"] = "recommend 5 sci-fi movies", ["user_id"] = userId });
        var firstIds = ItemIds(first);
        Assert.Equal(5, firstIds.Count);

        var feedback = await CallAsync(client, "record_feedback", new() { ["user_id"] = userId, ["item_id"] = firstIds[0], ["signal"] = "watched" });
        Assert.True(feedback.GetProperty("recorded").GetBoolean());

        var second = ItemIds(await CallAsync(client, "recommend", new() { ["request"] = "recommend 5 sci-fi movies", ["user_id"] = userId }));
        Assert.DoesNotContain(firstIds[0], second);
    }

    [Fact]
    public async Task Tool_errors_are_MCP_errors_with_a_clear_message()
    {
        await using var client = await ConnectAsync();

        var result = await client.CallToolAsync("explain", new Dictionary<string, object?> { ["item_id"] = "no-such-item" });

        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains("unknown_item", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_items_resolves_a_fuzzy_title()
    {
        await using var client = await ConnectAsync();

        var result = await client.CallToolAsync("similar_items", new Dictionary<string, object?> { ["title_or_id"] = "the matrix", ["count"] = 3 });

        Assert.NotEqual(true, result.IsError);
        using var doc = JsonDocument.Parse(Assert.IsType<TextContentBlock>(result.Content[0]).Text);
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        Assert.DoesNotContain("2571", doc.RootElement.EnumerateArray().Select(e => e.GetProperty("itemId").GetString()));
    }

    private async Task<McpClient> ConnectAsync() =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(app.BaseAddress, "/mcp") }));

    private static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        var result = await client.CallToolAsync(tool, args);
        var text = Assert.IsType<TextContentBlock>(result.Content[0]).Text;
        Assert.True(result.IsError is null or false, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static List<string> ItemIds(JsonElement recommendation) =>
        RecommendItems(recommendation).Select(i => i.GetProperty("itemId").GetString()!).ToList();

    private static IEnumerable<JsonElement> RecommendItems(JsonElement recommendation) => recommendation.GetProperty("items").EnumerateArray();
}
