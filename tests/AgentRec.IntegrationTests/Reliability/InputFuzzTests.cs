using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>
/// Malformed JSON, wrong types, huge numbers, lone surrogates, megabyte bodies and deep nesting over REST and the hub:
/// never a 5xx, never a dropped connection, always problem details with a code.
/// </summary>
[Collection(OpenService.Collection)]
public sealed class InputFuzzTests(OpenService service)
{
    private static readonly string[] Values =
    [
        "\"three comedies\"", "\"\"", "\"   \"", "123", "-1", "1e309", "-99999999999999999999999999", "9223372036854775808", "0.5",
        "true", "null", "[]", "{}", "[\"a\"]", "{\"a\":1}", "\"\\ud800\"", "\"\\udc00abc\\ud83d\"", "\"a\\u0000b\"",
        "\"<script>alert(1)</script>\"", "\"" + new string('x', 2_001) + "\"", "\"" + new string('界', 300) + "\"", "\"1\"", "\"like\"",
        "\"../../etc/passwd\"", "\"' OR 1=1 --\"", "NaN", "\"\\x\"", "\"unterminated",
    ];

    private static readonly string[] Fields = ["message", "userId", "conversationId", "itemId", "signal", "count", "extra"];

    private static readonly string[] Paths = ["/api/recommendations", "/api/feedback"];

    [Fact]
    public void Arbitrary_bodies_never_give_a_server_error()
    {
        var field = Gen.Elements(Fields).SelectMany(f => Gen.Elements(Values).Select(v => $"\"{f}\":{v}"));
        var objectBody = Gen.ListOf(field).Select(fs => "{" + string.Join(",", fs.Take(6)) + "}");
        var nested = Gen.Choose(1, 3000).Select(depth => new string('[', depth) + new string(']', depth));
        var nestedObjects = Gen.Choose(1, 1000).Select(depth => string.Concat(Enumerable.Repeat("{\"message\":", depth)) + "1" + new string('}', depth));
        var raw = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty);
        var truncated = objectBody.SelectMany(b => Gen.Choose(0, b.Length).Select(n => b[..n]));
        var body = Gen.Frequency((6, objectBody), (1, nested), (1, nestedObjects), (2, raw), (2, truncated));
        var request = body.SelectMany(b => Gen.Elements(Paths).Select(p => (Path: p, Body: b)));

        using var client = service.App.CreateHttpClient();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(250).WithQuietOnSuccess(true), Prop.ForAll(request.ToArbitrary(), r =>
        {
            using var content = new StringContent(r.Body, Encoding.UTF8, "application/json");
            using var response = client.PostAsync(new Uri(r.Path, UriKind.Relative), content).GetAwaiter().GetResult();
            return IsCleanAnswer(response);
        }));
    }

    [Fact]
    public void Invalid_UTF8_bytes_never_give_a_server_error()
    {
        var bytes = Gen.ArrayOf(Gen.Choose(0x80, 0xFF).Select(b => (byte)b)).Select(tail => (byte[])[.. "{\"message\":\""u8.ToArray(), .. tail, .. "\"}"u8.ToArray()]);

        using var client = service.App.CreateHttpClient();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50).WithQuietOnSuccess(true), Prop.ForAll(bytes.ToArbitrary(), b =>
        {
            using var content = new ByteArrayContent(b);
            content.Headers.ContentType = new("application/json");
            using var response = client.PostAsync(new Uri("/api/recommendations", UriKind.Relative), content).GetAwaiter().GetResult();
            return IsCleanAnswer(response);
        }));
    }

    [Fact]
    public async Task A_one_megabyte_body_is_refused_with_payload_too_large()
    {
        using var client = service.App.CreateHttpClient();
        // As a careful client sends a large body: the service refuses it on its declared length, before any of it is
        // sent. Without the handshake the refusal and close can race the client's upload and surface as a broken pipe.
        client.DefaultRequestHeaders.ExpectContinue = true;
        using var content = new StringContent("{\"message\":\"" + new string('a', 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/recommendations", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", await CodeOf(response));
    }

    [Fact]
    public async Task A_message_over_2000_characters_is_message_too_long()
    {
        using var client = service.App.CreateHttpClient();
        using var content = new StringContent(JsonSerializer.Serialize(new { message = new string('a', 2_001) }), Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/recommendations", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.MessageTooLong, await CodeOf(response));
    }

    [Fact]
    public async Task Hub_calls_with_wrong_types_and_odd_text_fail_cleanly_and_the_connection_stays_usable()
    {
        await using var connection = await service.App.ConnectAsync();
        object?[] arguments =
        [
            12345, "just a string", true, new[] { 1, 2, 3 }, new { message = 42 }, new { message = "\ud800 lone \udc00" },
            new { message = new string('x', 2_001) }, new { message = "ok", userId = "bad id with spaces" }, null,
        ];

        var outcomes = new List<string>();
        foreach (var argument in arguments)
        {
            try
            {
                var last = "none";
                await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", argument))
                {
                    last = e.Type == RecommendationEventTypes.Error ? "error:" + e.Error!.Code : e.Type;
                }

                outcomes.Add(last);
            }
            catch (Microsoft.AspNetCore.SignalR.HubException ex)
            {
                outcomes.Add("hub-error:" + ex.Message);
            }
        }

        var after = new List<RecommendationEvent>();
        await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", new RecommendRequest { Message = "comedies" }))
        {
            after.Add(e);
        }

        Assert.DoesNotContain(outcomes, o => o.Contains(ErrorCodes.Internal, StringComparison.Ordinal) || o == "none");
        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.Equal(RecommendationEventTypes.Done, after[^1].Type);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hub_arguments_the_server_cannot_bind_fail_with_invalid_request_on_both_protocols(bool messagePack)
    {
        await using var connection = await service.App.ConnectAsync(messagePack);

        var wrongType = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync<FeedbackAck>("Feedback", 12345));
        var wrongCount = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync<FeedbackAck>("Feedback", "a", "b"));
        var ack = await connection.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { UserId = "fuzz", ItemId = "1", Signal = "skip" });

        Assert.Contains(ErrorCodes.InvalidRequest + ": ", wrongType.Message, StringComparison.Ordinal);
        Assert.Contains(ErrorCodes.InvalidRequest + ": ", wrongCount.Message, StringComparison.Ordinal);
        Assert.True(ack.Accepted);
    }

    private static bool IsCleanAnswer(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return false;
        }

        if (status < 400)
        {
            return true;
        }

        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        using var json = JsonDocument.Parse(text);
        return json.RootElement.TryGetProperty("code", out var code) && !string.IsNullOrEmpty(code.GetString());
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
