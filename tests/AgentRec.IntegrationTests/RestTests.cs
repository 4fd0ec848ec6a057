using System.Text;

namespace AgentRec.IntegrationTests;

[Collection(ServiceCollection.Name)]
public sealed class RestTests(AgentRecAppFactory app)
{
    [Fact]
    public async Task Recommendations_endpoint_returns_intent_items_explanation_and_conversation()
    {
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("/api/recommendations", new { message = "two popular crime movies", userId = "42" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("popularity", root.GetProperty("intent").GetProperty("sort").GetString());
        Assert.Equal(2, root.GetProperty("items").GetArrayLength());
        foreach (var item in root.GetProperty("items").EnumerateArray())
        {
            Assert.Contains("Crime", item.GetProperty("genres").EnumerateArray().Select(g => g.GetString()));
            Assert.True(item.TryGetProperty("itemId", out _) && item.TryGetProperty("score", out _) && item.TryGetProperty("reasons", out _));
        }

        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("explanation").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("conversationId").GetString()));
    }

    [Theory]
    [InlineData("{\"message\": \"\"}", "invalid_request")]
    [InlineData("{\"message\": 42}", "invalid_request")]
    [InlineData("{not json", "invalid_request")]
    [InlineData("{\"message\": \"hi\", \"userId\": \"<script>\"}", "invalid_request")]
    public async Task Bad_bodies_get_problem_details_with_a_stable_code(string json, string code)
    {
        using var http = app.CreateHttpClient();

        using var response = await http.PostAsync("/api/recommendations", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Feedback_endpoint_acknowledges_and_refuses_unknown_items()
    {
        using var http = app.CreateHttpClient();

        using var ok = await http.PostAsJsonAsync("/api/feedback", new { userId = "42", itemId = "6", signal = "watched" });
        using var unknown = await http.PostAsJsonAsync("/api/feedback", new { userId = "42", itemId = "nope", signal = "like" });
        using var badSignal = await http.PostAsJsonAsync("/api/feedback", new { userId = "42", itemId = "6", signal = "love" });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSignal.StatusCode);
        using var body = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
        Assert.Equal("unknown_item", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_endpoints()
    {
        using var http = app.CreateHttpClient();

        using var doc = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));

        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/recommendations", out _));
        Assert.True(paths.TryGetProperty("/api/feedback", out _));
    }

    [Fact]
    public async Task Healthz_answers_alive()
    {
        using var http = app.CreateHttpClient();

        var body = await http.GetStringAsync("/healthz");

        Assert.Contains("alive", body, StringComparison.Ordinal);
    }
}
