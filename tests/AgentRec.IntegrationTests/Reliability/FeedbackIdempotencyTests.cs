using AgentRec.Core.State;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>A feedback event retried with its <c>eventId</c> is acknowledged each time and stored once, over REST and the hub.</summary>
[Collection(OpenService.Collection)]
public sealed class FeedbackIdempotencyTests(OpenService service)
{
    [Fact]
    public async Task A_retried_REST_event_is_acknowledged_twice_and_stored_once()
    {
        var user = "idem-rest-" + Guid.NewGuid().ToString("N")[..8];
        using var client = service.App.CreateHttpClient();
        var body = new { userId = user, itemId = "1", signal = "like", eventId = "evt-1" };

        using var first = await client.PostAsJsonAsync("/api/feedback", body);
        using var retry = await client.PostAsJsonAsync("/api/feedback", body);
        using var other = await client.PostAsJsonAsync("/api/feedback", body with { eventId = "evt-2" });

        first.EnsureSuccessStatusCode();
        retry.EnsureSuccessStatusCode();
        other.EnsureSuccessStatusCode();
        Assert.Equal(2, (await HistoryAsync(user)).Count);
    }

    [Fact]
    public async Task A_retried_hub_event_is_acknowledged_twice_and_stored_once()
    {
        var user = "idem-hub-" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = await service.App.ConnectAsync();
        var request = new FeedbackRequest { UserId = user, ItemId = "1", Signal = "watched", EventId = "evt-a" };

        var first = await connection.InvokeAsync<FeedbackAck>("Feedback", request);
        var retry = await connection.InvokeAsync<FeedbackAck>("Feedback", request);

        Assert.True(first.Accepted && retry.Accepted);
        Assert.Single(await HistoryAsync(user));
    }

    [Fact]
    public async Task Events_without_an_event_id_are_each_stored()
    {
        var user = "idem-none-" + Guid.NewGuid().ToString("N")[..8];
        using var client = service.App.CreateHttpClient();

        using var first = await client.PostAsJsonAsync("/api/feedback", new { userId = user, itemId = "1", signal = "like" });
        using var second = await client.PostAsJsonAsync("/api/feedback", new { userId = user, itemId = "1", signal = "like" });

        Assert.Equal(2, (await HistoryAsync(user)).Count);
    }

    [Fact]
    public async Task An_event_id_outside_the_id_rules_is_an_invalid_request()
    {
        using var client = service.App.CreateHttpClient();

        using var response = await client.PostAsJsonAsync("/api/feedback", new { userId = "u1", itemId = "1", signal = "like", eventId = "evt 1\r\n" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<IReadOnlyList<Interaction>> HistoryAsync(string user) =>
        service.App.Services.GetRequiredService<IStateStore>().GetInteractionsAsync(user, CancellationToken.None);
}
