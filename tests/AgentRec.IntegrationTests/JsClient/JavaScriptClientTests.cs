using System.Diagnostics;
using AgentRec.Core.State;

namespace AgentRec.IntegrationTests.JsClient;

/// <summary>
/// The official JavaScript SignalR client (@microsoft/signalr from npm, the package the chat page ships) holds a
/// conversation with the hosted service in a separate node process: the hub contract as a client nobody here wrote sees it.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class JavaScriptClientTests(AgentRecAppFactory app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_conversation_over_the_JavaScript_client_streams_refines_records_feedback_and_survives_errors()
    {
        var userId = "js-" + Guid.NewGuid().ToString("N")[..8];

        using var transcript = await RunConversationAsync(userId);
        var root = transcript.RootElement;

        var first = Events(root, "first");
        Assert.Equal(RecommendationEventTypes.Intent, first[0].Type);
        Assert.Equal(RecommendationEventTypes.Done, first[^1].Type);
        var intent = first[0].Intent!;
        Assert.Equal(["Sci-Fi"], intent.Genres);
        Assert.Equal(["Horror"], intent.ExcludeGenres);
        Assert.Equal(3, intent.Count);
        var items = first.Where(e => e.Type == RecommendationEventTypes.Item).Select(e => e.Item!).ToList();
        Assert.Equal(3, items.Count);
        ContractAssert.MeetHardConstraints(intent, items);
        Assert.Contains(first, e => e.Type == RecommendationEventTypes.Token && !string.IsNullOrWhiteSpace(e.Text));
        var lastItem = first.FindLastIndex(e => e.Type == RecommendationEventTypes.Item);
        var firstToken = first.FindIndex(e => e.Type == RecommendationEventTypes.Token);
        Assert.True(firstToken > lastItem, "explanation tokens follow the items");

        var ack = root.GetProperty("ack").Deserialize<FeedbackAck>(Json)!;
        Assert.True(ack.Accepted);
        Assert.Equal(items[0].ItemId, ack.ItemId);
        var history = await app.Services.GetRequiredService<IStateStore>().GetInteractionsAsync(userId, CancellationToken.None);
        Assert.Contains(history, h => h.ItemId == items[0].ItemId && h.Kind == InteractionKinds.Like);

        var refined = Events(root, "refined");
        Assert.Equal("refine", refined[0].Intent!.Action);
        Assert.Contains("Sci-Fi", refined[0].Intent!.Genres);
        Assert.Equal(first[^1].ConversationId, refined[^1].ConversationId);
        Assert.DoesNotContain(refined, e => e.Item is not null && items.Any(i => i.ItemId == e.Item.ItemId));

        var invalid = Events(root, "invalid");
        var error = Assert.Single(invalid).Error!;
        Assert.Equal(ErrorCodes.InvalidRequest, error.Code);

        var chinese = Events(root, "chinese");
        Assert.Equal(["Comedy"], chinese[0].Intent!.Genres);
        Assert.Equal(2, chinese.Count(e => e.Type == RecommendationEventTypes.Item));
        Assert.Equal(RecommendationEventTypes.Done, chinese[^1].Type);
    }

    private static List<RecommendationEvent> Events(JsonElement root, string turn) =>
        root.GetProperty(turn).Deserialize<List<RecommendationEvent>>(Json)!;

    private Task<JsonDocument> RunConversationAsync(string userId) =>
        JsClientFolder.RunScriptAsync("conversation.mjs", app.BaseAddress.ToString(), userId);
}

/// <summary>The chat page's npm folder, restored by the API project's build (npm ci), where node finds @microsoft/signalr.</summary>
internal static class JsClientFolder
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentRec.sln")))
            {
                var folder = Path.Combine(dir.FullName, "src", "AgentRec.Api", "ClientApp");
                Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "@microsoft", "signalr")), "npm ci has not run in " + folder);
                return folder;
            }
        }

        throw new InvalidOperationException("AgentRec.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Runs the test script <paramref name="script"/> (JsClient/) with node: arguments the service's address, this folder,
    /// then <paramref name="more"/>; asserts it exits 0 and returns the JSON it prints.
    /// </summary>
    public static async Task<JsonDocument> RunScriptAsync(string script, string baseAddress, params string[] more)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "JsClient", script), baseAddress, Find(), .. more])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        Assert.True(process.ExitCode == 0, output + await stderr);
        return JsonDocument.Parse(output);
    }
}
