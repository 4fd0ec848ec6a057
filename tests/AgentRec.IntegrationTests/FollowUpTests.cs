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

    [Theory]
    [InlineData("the hangover was not funny at all", "funny")]
    [InlineData("I loved Inception", "loved")]
    public async Task The_answer_after_feedback_does_not_search_the_feedback_words(string message, string word)
    {
        using var http = app.CreateHttpClient();

        var answer = await AskAsync(http, message, null, userId: "77");

        Assert.Equal("feedback", answer.GetProperty("intent").GetProperty("action").GetString());
        var titles = answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray();
        Assert.NotEmpty(titles);
        Assert.DoesNotContain(titles, t => t.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Feedback_in_a_conversation_answers_the_previous_request_again_without_the_title()
    {
        using var http = app.CreateHttpClient();
        var first = await AskAsync(http, "sci-fi movies from the 90s", null, userId: "78");

        var after = await AskAsync(http, "The Matrix was not my thing, boring", first.GetProperty("conversationId").GetString(), userId: "78");

        Assert.Equal("feedback", after.GetProperty("intent").GetProperty("action").GetString());
        var catalog = app.Services.GetService(typeof(AgentRec.Core.Catalog.ItemCatalog)) as AgentRec.Core.Catalog.ItemCatalog;
        var items = Ids(after).Select(id => catalog!.TryGet(id, out var item) ? item : null).ToArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(i is { Year: >= 1990 and <= 1999 } && i.Genres.Contains("Sci-Fi"), i?.Title));
        Assert.DoesNotContain(items, i => i!.Title == "Matrix, The (1999)");
    }

    [Fact]
    public async Task A_refinement_of_a_hidden_gem_request_keeps_to_the_less_known()
    {
        using var http = app.CreateHttpClient();
        var first = await AskAsync(http, "obscure sci-fi movies", null);

        var after = await AskAsync(http, "only ones from 2010 on", first.GetProperty("conversationId").GetString());

        var catalog = (AgentRec.Core.Catalog.ItemCatalog)app.Services.GetService(typeof(AgentRec.Core.Catalog.ItemCatalog))!;
        var items = Ids(after).Select(id => catalog.TryGet(id, out var item) ? item : null).ToArray();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(i is { Year: >= 2010, Popularity: <= 30 }, $"{i?.Title}: {i?.Popularity} ratings"));
    }

    [Fact]
    public async Task Saying_titles_were_seen_keeps_the_rest_of_the_previous_answer()
    {
        using var http = app.CreateHttpClient();
        var first = await AskAsync(http, "tarantino movies", null);
        var before = Ids(first);

        var after = await AskAsync(http, "I've already seen pulp fiction and reservoir dogs", first.GetProperty("conversationId").GetString());

        Assert.Equal("feedback", after.GetProperty("intent").GetProperty("action").GetString());
        var ids = Ids(after);
        Assert.DoesNotContain("296", ids);
        Assert.DoesNotContain("1089", ids);
        // The previous answer's other titles still answer the same request.
        Assert.True(before.Except(["296", "1089"]).Count(ids.Contains) >= Math.Min(5, before.Length - 2), string.Join(",", ids));
    }

    [Fact]
    public async Task Why_a_named_title_explains_that_title_even_without_an_earlier_answer()
    {
        using var http = app.CreateHttpClient();

        var why = await AskAsync(http, "why did you recommend the book The Night Circus?", null);

        Assert.Equal("explain", why.GetProperty("intent").GetProperty("action").GetString());
        Assert.Equal(["book-185"], Ids(why));
        Assert.DoesNotContain("with The Night Circus", why.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_a_title_of_the_previous_answer_explains_just_that_title()
    {
        using var http = app.CreateHttpClient();
        var first = await AskAsync(http, "three sci-fi movies from the 90s", null);
        var second = first.GetProperty("items")[1];

        var why = await AskAsync(http, $"why {second.GetProperty("title").GetString()}?", first.GetProperty("conversationId").GetString());

        Assert.Equal("explain", why.GetProperty("intent").GetProperty("action").GetString());
        Assert.Equal([second.GetProperty("itemId").GetString()!], Ids(why));
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
