using Microsoft.AspNetCore.SignalR;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>The service with tiny limits (3 HTTP requests, 2 hub calls per connection, per hour).</summary>
public sealed class LimitedService : IDisposable
{
    public AgentRecAppFactory App { get; } = AgentRecAppFactory.Start(0, null, b =>
    {
        b.UseSetting("Limits:HttpRequestsPerWindow", "3");
        b.UseSetting("Limits:HubCallsPerConnectionPerWindow", "2");
        b.UseSetting("Limits:WindowSeconds", "3600");
    });

    public void Dispose() => App.Dispose();
}

/// <summary>Callers over a limit get <c>rate_limited</c>: HTTP 429 with Retry-After, or a hub error; nothing crashes.</summary>
public sealed class RateLimitTests(LimitedService service) : IClassFixture<LimitedService>
{
    [Fact]
    public async Task Rest_over_the_limit_is_429_with_Retry_After_and_a_code()
    {
        using var client = service.App.CreateHttpClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.PostAsJsonAsync("/api/feedback", new { userId = "rl", itemId = "1", signal = "like" });
            statuses.Add(last.StatusCode);
        }

        using (last)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
            Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            using var json = JsonDocument.Parse(await last.Content.ReadAsStringAsync());
            Assert.Equal(ErrorCodes.RateLimited, json.RootElement.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Hub_over_the_limit_streams_a_rate_limited_error_and_the_connection_stays_open()
    {
        await using var connection = await service.App.ConnectAsync();
        var request = new RecommendRequest { Message = "comedies" };

        await Collect(connection, request);
        await Collect(connection, request);
        var third = await Collect(connection, request);
        var feedback = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { UserId = "rl", ItemId = "1", Signal = "like" }));

        Assert.Equal(ErrorCodes.RateLimited, Assert.Single(third).Error!.Code);
        Assert.Contains(ErrorCodes.RateLimited + ":", feedback.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    private static async Task<List<RecommendationEvent>> Collect(HubConnection connection, RecommendRequest request)
    {
        var events = new List<RecommendationEvent>();
        await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", request))
        {
            events.Add(e);
        }

        return events;
    }
}
