using System.Net.Http.Headers;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentRec.IntegrationTests;

/// <summary>
/// Bad MCP tool calls, through the official MCP client SDK and as raw JSON-RPC: each is refused with a code of the
/// error catalogue, and the limits of REST hold on every tool argument.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class McpHostileTests(AgentRecAppFactory app)
{
    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "recommend", """{"request": 42}""", ErrorCodes.InvalidRequest },
        { "recommend", """{"request": "comedies", "count": "five"}""", ErrorCodes.InvalidRequest },
        { "recommend", """{"request": "comedies", "count": 1.5}""", ErrorCodes.InvalidRequest },
        { "recommend", """{"request": "comedies", "user_id": ["a"]}""", ErrorCodes.InvalidRequest },
        { "similar_items", """{"title_or_id": true}""", ErrorCodes.InvalidRequest },
        { "explain", """{"item_id": 123}""", ErrorCodes.InvalidRequest },
        { "record_feedback", """{"user_id": "u1", "item_id": "1", "signal": {"a": 1}}""", ErrorCodes.InvalidRequest },
        { "search_catalog", """{"text": "heist", "filters": "Crime"}""", ErrorCodes.InvalidRequest },
        { "rerank", """{"query": "heist", "candidates": "a heist film"}""", ErrorCodes.InvalidRequest },
        { "search_catalog", """{"text": "heist", "filters": {"genres": [1, 2]}}""", ErrorCodes.InvalidRequest },
        { "recommend", """{"request": "comedies", "colour": "red"}""", ErrorCodes.InvalidRequest },
        { "explain", """{"item_id": "1\r\n2"}""", ErrorCodes.InvalidRequest },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task A_wrong_argument_type_is_a_coded_tool_error(string tool, string arguments, string code)
    {
        await using var client = await ConnectAsync();

        var result = await client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments));

        Assert.True(result.IsError);
        Assert.StartsWith(code + ": ", Text(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search_catalog", "text")]
    [InlineData("recommend", "request")]
    [InlineData("similar_items", "title_or_id")]
    [InlineData("rerank", "query")]
    public async Task Text_over_the_request_limit_is_message_too_long(string tool, string argument)
    {
        await using var client = await ConnectAsync();
        var arguments = new Dictionary<string, object?> { [argument] = new string('a', 140_000) };
        if (tool == "rerank")
        {
            arguments["candidates"] = new[] { "a heist film" };
        }

        var result = await client.CallToolAsync(tool, arguments);

        Assert.True(result.IsError);
        Assert.StartsWith(ErrorCodes.MessageTooLong + ": ", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rerank_candidate_over_the_limit_is_message_too_long()
    {
        await using var client = await ConnectAsync();

        var result = await client.CallToolAsync("rerank", new Dictionary<string, object?> { ["query"] = "heist", ["candidates"] = new[] { "ok", new string('b', 2_001) } });

        Assert.True(result.IsError);
        Assert.StartsWith(ErrorCodes.MessageTooLong + ": ", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_leaves_the_session_answering()
    {
        await using var client = await ConnectAsync();

        var refused = await client.CallToolAsync("recommend", new Dictionary<string, object?> { ["request"] = 42 });
        var answered = await client.CallToolAsync("search_catalog", new Dictionary<string, object?> { ["text"] = "toy story", ["count"] = 1 });

        Assert.True(refused.IsError);
        Assert.NotEqual(true, answered.IsError);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"recommend","arguments":"comedies"}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"recommend\r\nfail: forged","arguments":{}}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/list\r\nfail: forged"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":"recommend"}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"recommend","arguments":{"request":"comedies \ud800"}}}""", -32602)]
    public async Task Raw_JSON_RPC_the_SDK_cannot_bind_is_refused_with_a_code(string body, int rpcCode)
    {
        using var http = Http();

        var error = await PostAsync(http, body);

        Assert.Equal(rpcCode, error.GetProperty("code").GetInt32());
        Assert.StartsWith(ErrorCodes.InvalidRequest + ": ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arguments_nested_100_deep_are_refused_with_a_code()
    {
        using var http = Http();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

        var body = """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"recommend","arguments":{"request":""" + nested + "}}}";

        var error = await PostAsync(http, body);

        Assert.Equal(-32700, error.GetProperty("code").GetInt32());
        Assert.StartsWith(ErrorCodes.InvalidRequest + ": ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task<McpClient> ConnectAsync() =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(app.BaseAddress, "/mcp") }));

    private HttpClient Http()
    {
        var http = app.CreateHttpClient();
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return http;
    }

    // The JSON-RPC answer's error, read from a JSON or an event-stream response.
    private static async Task<JsonElement> PostAsync(HttpClient http, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/mcp", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).Last(l => l.Contains("\"id\"", StringComparison.Ordinal))
            : text;
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.TryGetProperty("error", out var answer), json);
        return answer.Clone();
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
