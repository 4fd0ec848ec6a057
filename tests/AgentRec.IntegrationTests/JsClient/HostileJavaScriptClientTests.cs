using System.Text.RegularExpressions;

namespace AgentRec.IntegrationTests.JsClient;

/// <summary>
/// Bad hub calls from the official JavaScript SignalR client (hostile.mjs): each gets an error with a code of the
/// catalogue, never the framework's bare "Failed to invoke", and the connection stays open and answering.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed partial class HostileJavaScriptClientTests(AgentRecAppFactory app)
{
    private static readonly string[] Catalogue =
    [
        ErrorCodes.InvalidRequest, ErrorCodes.MessageTooLong, ErrorCodes.UnknownItem, ErrorCodes.Forbidden, ErrorCodes.RateLimited,
    ];

    [Fact]
    public async Task Every_bad_hub_call_gets_a_coded_error_and_the_connection_stays_open()
    {
        using var transcript = await RunAsync();
        var root = transcript.RootElement;

        var outcomes = root.GetProperty("outcomes").EnumerateObject().ToList();
        Assert.Equal(18, outcomes.Count);
        var codes = outcomes.ToDictionary(o => o.Name, o => CodeOf(o.Value));

        Assert.All(codes, c => Assert.True(c.Value is not null && Catalogue.Contains(c.Value), $"{c.Key}: {outcomes.Single(o => o.Name == c.Key).Value}"));
        Assert.Equal(ErrorCodes.UnknownItem, codes["feedback-unknown-item"]);
        Assert.Equal(ErrorCodes.InvalidRequest, codes["feedback-itemid-number"]);
        Assert.Equal(ErrorCodes.InvalidRequest, codes["recommend-nested-100"]);
        Assert.Equal("Connected", root.GetProperty("stateAfter").GetString());
        var after = root.GetProperty("after");
        Assert.False(after.TryGetProperty("error", out _));
        Assert.Equal("done", after.GetProperty("events").EnumerateArray().Last().GetProperty("type").GetString());
    }

    // The code of an outcome: an error event's code, or the "code:" a hub error message carries.
    private static string? CodeOf(JsonElement outcome)
    {
        if (outcome.TryGetProperty("events", out var events)
            && events.EnumerateArray().LastOrDefault() is { ValueKind: JsonValueKind.Object } last
            && last.TryGetProperty("error", out var error))
        {
            return error.GetProperty("code").GetString();
        }

        return outcome.TryGetProperty("error", out var message) && CodePrefix().Match(message.GetString()!) is { Success: true } match
            ? match.Groups[1].Value
            : null;
    }

    [GeneratedRegex(@"(?:^|\s)([a-z_]+): ")]
    private static partial Regex CodePrefix();

    private Task<JsonDocument> RunAsync() => JsClientFolder.RunScriptAsync("hostile.mjs", app.BaseAddress.ToString());
}
