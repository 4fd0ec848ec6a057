using AgentRec.Core.Catalog;
using AgentRec.Plugins;
using Microsoft.SemanticKernel;

namespace AgentRec.IntegrationTests;

/// <summary>A plain Semantic Kernel kernel with the AgentRec plugins, invoked as an agent would.</summary>
[Collection(ServiceCollection.Name)]
public sealed class KernelPluginTests(AgentRecAppFactory app)
{
    private Kernel CreateKernel() => new Kernel().AddAgentRecPlugins(app.Services);

    [Fact]
    public async Task Recommend_returns_items_that_meet_the_request()
    {
        var result = await CreateKernel().InvokeAsync<RecommendationResult>("agentrec", "recommend",
            new KernelArguments { ["request"] = "comedies from the 80s", ["count"] = 4 });

        Assert.Equal(4, result!.Items.Count);
        Assert.All(result.Items, i =>
        {
            Assert.Contains("Comedy", i.Genres);
            Assert.InRange(i.Year!.Value, 1980, 1989);
        });
        Assert.False(string.IsNullOrWhiteSpace(result.Explanation));
    }

    [Fact]
    public async Task Explain_states_catalog_facts_only()
    {
        var catalog = app.Services.GetRequiredService<ItemCatalog>();
        catalog.TryGet("2571", out var matrix);

        var result = await CreateKernel().InvokeAsync<ItemExplanation>("agentrec", "explain", new KernelArguments { ["item_id"] = "2571" });

        Assert.Equal("The Matrix", result!.Title);
        Assert.Equal(matrix!.Genres, result.Genres);
        Assert.Equal(matrix.Popularity, result.RatingCount);
        Assert.Contains("The Matrix (1999)", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_catalog_applies_filters()
    {
        var result = await CreateKernel().InvokeAsync<IReadOnlyList<AgentRec.Core.Contracts.RecommendedItem>>("catalog", "search_catalog",
            new KernelArguments { ["text"] = "heist", ["filters"] = new AgentRec.Core.Retrieval.CatalogFilters { Genres = ["Crime"], YearFrom = 1990 }, ["count"] = 5 });

        Assert.NotEmpty(result!);
        Assert.All(result!, i =>
        {
            Assert.Contains("Crime", i.Genres);
            Assert.True(i.Year >= 1990);
        });
    }

    [Fact]
    public async Task Rerank_puts_the_matching_text_first()
    {
        var result = await CreateKernel().InvokeAsync<IReadOnlyList<RerankedCandidate>>("catalog", "rerank", new KernelArguments
        {
            ["query"] = "a heist thriller",
            ["candidates"] = new[] { "A romantic comedy in Paris.", "A tense heist thriller about a bank robbery crew.", "A documentary on whales." },
        });

        Assert.Equal(1, result![0].Index);
        Assert.Equal(3, result.Count);
    }

    [Theory]
    [InlineData("movies like Heat", "similar_items")]
    [InlineData("three comedies from the 90s", "recommend")]
    [InlineData("explain The Matrix", "explain")]
    [InlineData("hi", null)]
    public async Task Assistant_routes_each_intent_to_the_matching_function(string message, string? function)
    {
        var assistant = app.Services.GetRequiredService<AgentRec.Plugins.Agent.AgentRecAssistant>();

        var turn = await assistant.RunTurnAsync(message, null, CancellationToken.None);

        Assert.Equal(function, turn.Calls.SingleOrDefault()?.Function);
        if (function is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(turn.Calls[0].Result));
        }
    }

    [Fact]
    public async Task Assistant_records_feedback_said_in_a_message()
    {
        var assistant = app.Services.GetRequiredService<AgentRec.Plugins.Agent.AgentRecAssistant>();
        var userId = "agent-" + Guid.NewGuid().ToString("N")[..8];

        var turn = await assistant.RunTurnAsync("I didn't like The Matrix", userId, CancellationToken.None);

        var call = Assert.Single(turn.Calls);
        Assert.Equal("record_feedback", call.Function);
        Assert.Equal("dislike", call.Arguments["signal"]);
        var history = await app.Services.GetRequiredService<AgentRec.Core.State.IStateStore>().GetInteractionsAsync(userId, CancellationToken.None);
        Assert.Equal(("2571", "dislike"), (Assert.Single(history).ItemId, history[0].Kind));
    }

    [Fact]
    public async Task Record_feedback_rejects_an_unknown_signal()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => CreateKernel().InvokeAsync("agentrec", "record_feedback",
            new KernelArguments { ["user_id"] = "42", ["item_id"] = "6", ["signal"] = "love" }));

        Assert.Contains("signal", (ex.InnerException ?? ex).Message, StringComparison.Ordinal);
    }
}
