using System.Net.Http.Json;
using System.Text.Json;

namespace AgentRec.IntegrationTests;

/// <summary>Follow-ups that ask about an earlier answer, and answers under an explicit sort, over the REST endpoint.</summary>
[Collection(ServiceCollection.Name)]
public sealed class FollowUpTests(AgentRecAppFactory app)
{
    [Fact]
    public async Task Why_the_first_one_explains_that_item_of_the_previous_answer_instead_of_searching_again()
    {
        using var http = app.CreateHttpClient();
        var first = await AskAsync(http, "three sci-fi movies from the 90s", null);
        var firstIds = Ids(first);

        var why = await AskAsync(http, "why the first one?", first.GetProperty("conversationId").GetString());

        Assert.Equal("explain", why.GetProperty("intent").GetProperty("action").GetString());
        Assert.Equal([firstIds[0]], Ids(why));
        var explanation = why.GetProperty("explanation").GetString()!;
        Assert.StartsWith("You asked for movies in Sci-Fi from 1990–1999; this is why the pick fits.", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_these_explains_the_whole_previous_answer_in_its_order()
    {
        using var http = app.CreateHttpClient();
        var first = await AskAsync(http, "a few comedies", null);

        var why = await AskAsync(http, "why these?", first.GetProperty("conversationId").GetString());

        Assert.Equal("explain", why.GetProperty("intent").GetProperty("action").GetString());
        Assert.Equal(Ids(first), Ids(why));
        Assert.StartsWith("You asked for movies in Comedy; this is why each pick fits.", why.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the newest sci-fi movies", "year")]
    [InlineData("five highly rated dramas", "rating")]
    public async Task Items_under_an_explicit_sort_are_shown_in_that_order(string message, string key)
    {
        using var http = app.CreateHttpClient();
        var answer = await AskAsync(http, message, null, userId: "42");

        var items = answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!).ToArray();
        Assert.True(items.Length >= 3);
        var catalog = app.Services.GetService(typeof(AgentRec.Core.Catalog.ItemCatalog)) as AgentRec.Core.Catalog.ItemCatalog;
        var values = items.Select(id => catalog!.TryGet(id, out var item) ? (key == "year" ? item.Year ?? 0 : Math.Round(item.MeanRating, 1)) : double.NaN).ToArray();
        Assert.Equal(values.OrderByDescending(v => v), values);
    }

    private static string[] Ids(JsonElement answer) =>
        [.. answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("itemId").GetString()!)];

    private static async Task<JsonElement> AskAsync(HttpClient http, string message, string? conversationId, string? userId = null)
    {
        using var response = await http.PostAsJsonAsync("/api/recommendations", new { message, conversationId, userId });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }
}
