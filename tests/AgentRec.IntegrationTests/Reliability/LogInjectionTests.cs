using System.Net.Http.Headers;
using System.Text;
using AgentRec.Api.Diagnostics;
using AgentRec.IntegrationTests.Fakes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>
/// The service in ApiKey mode (alice, bob: each test its own caller, so their refusals count apart) with its log
/// captured, for tests that read what a hostile client can make it write.
/// </summary>
public sealed class LoggedService : IDisposable
{
    public LoggedService()
    {
        App = AgentRecAppFactory.Start(0, null, b =>
        {
            b.UseSetting("Catalog:IncludeBooks", "false");
            b.UseSetting("Auth:Mode", "ApiKey");
            b.UseSetting("Auth:ApiKeys:0:Key", SecuredService.AliceKey);
            b.UseSetting("Auth:ApiKeys:0:UserId", "alice");
            b.UseSetting("Auth:ApiKeys:1:Key", SecuredService.BobKey);
            b.UseSetting("Auth:ApiKeys:1:UserId", "bob");
            b.UseSetting("Limits:HubCallsPerConnectionPerWindow", "1000000");
            b.UseSetting("Limits:HubCallsPerUserPerWindow", "1000000");
            b.ConfigureLogging(l => l.AddProvider(Sink));
        });
    }

    public FakeLogSink Sink { get; } = new();

    public AgentRecAppFactory App { get; }

    public Task<HubConnection> ConnectAsync(string key) => SecuredService.ConnectAsync(App, key);

    public void Dispose() => App.Dispose();
}

/// <summary>
/// CR/LF and other control characters sent as ids or names never reach the log raw, refused calls are logged
/// without stack traces, and a flood of them writes a bounded number of entries.
/// </summary>
public sealed class LogInjectionTests(LoggedService service) : IClassFixture<LoggedService>
{
    private const string Forged = "\r\nfail: AgentRec[0] forged entry";

    [Fact]
    public async Task Control_characters_from_hub_MCP_and_REST_reach_the_log_escaped_and_without_stack_traces()
    {
        var before = service.Sink.Entries.Count;
        await using (var connection = await service.ConnectAsync(SecuredService.AliceKey))
        {
            await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { ItemId = "1" + Forged, Signal = "like" }));
        }

        using var http = service.App.CreateHttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", SecuredService.AliceKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        foreach (var body in new[]
                 {
                     """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"recommend\r\nfail: AgentRec[0] forged entry","arguments":{}}}""",
                     """{"jsonrpc":"2.0","id":2,"method":"tools/list\r\nfail: AgentRec[0] forged entry"}""",
                 })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/mcp", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
        }

        foreach (var (path, body) in new[]
                 {
                     ("/api/feedback", """{"itemId":"1\r\nfail: AgentRec[0] forged entry","signal":"like"}"""),
                     ("/api/recommendations", """{"message":42}"""),
                 })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
            Assert.True((int)response.StatusCode is >= 400 and < 500);
        }

        var written = service.Sink.Entries.Skip(before).ToList();
        Assert.DoesNotContain(written, e => e.Message.Contains("\nfail:", StringComparison.Ordinal) || e.Message.Contains('\r'));
        Assert.Contains(written, e => e.Message.Contains("\\u000d\\u000afail: AgentRec[0] forged entry", StringComparison.Ordinal) && e.Message.Contains("unknown_item", StringComparison.Ordinal));
        Assert.Equal(5, written.Count(e => e.Category == typeof(ClientErrorLog).FullName && e.Level == LogLevel.Information));
        Assert.DoesNotContain(written, e => e.Level >= LogLevel.Error || e.Exception is not null);
    }

    [Fact]
    public async Task A_flood_of_bad_hub_calls_writes_a_bounded_number_of_entries()
    {
        var before = service.Sink.Entries.Count;
        await using var connection = await service.ConnectAsync(SecuredService.BobKey);

        for (var i = 0; i < 100; i++)
        {
            await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { ItemId = "none", Signal = "like" }));
        }

        // The calls take well under a minute, so they fall into at most two of the log's minutes.
        var written = service.Sink.Entries.Skip(before).ToList();
        Assert.InRange(written.Count(e => e.Category == typeof(ClientErrorLog).FullName), 1, 2 * (ClientErrorLog.PerSourcePerMinute + 1));
        Assert.DoesNotContain(written, e => e.Level >= LogLevel.Error || e.Exception is not null);
    }
}
