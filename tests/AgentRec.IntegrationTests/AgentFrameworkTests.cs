using AgentRec.Agents;
using AgentRec.IntegrationTests.Fakes;
using AgentRec.Plugins;
using Microsoft.Extensions.AI;

namespace AgentRec.IntegrationTests;

/// <summary>The Microsoft Agent Framework agent over the running service's real pipeline, with a fake chat model that calls a tool.</summary>
[Collection(ServiceCollection.Name)]
public sealed class AgentFrameworkTests(AgentRecAppFactory app)
{
    [Fact]
    public async Task Agent_calls_recommend_and_answers_with_the_pipelines_real_items()
    {
        var chat = new FakeToolCallingChatClient("recommend", new() { ["request"] = "comedies from the 90s", ["count"] = 3 });
        var agent = AgentRecAgent.Create(chat, app.Services);

        var response = await agent.RunAsync("Three comedies from the 90s, please.");

        var result = Assert.Single(chat.Requests[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.Equal("call_1", result.CallId);
        var expected = await app.Services.GetRequiredService<RecommendationPlugin>().RecommendAsync("comedies from the 90s", count: 3);
        Assert.Equal(3, expected.Items.Count);
        Assert.All(expected.Items, i =>
        {
            Assert.Contains("Comedy", i.Genres);
            Assert.InRange(i.Year!.Value, 1990, 1999);
            Assert.Contains($"{i.Title} ({i.Year})", response.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Agent_offers_the_four_tools_under_the_plugin_and_mcp_names_with_its_instructions()
    {
        var chat = new FakeToolCallingChatClient("similar_items", new() { ["title_or_id"] = "Heat", ["count"] = 2 });
        var agent = AgentRecAgent.Create(chat, app.Services);

        var response = await agent.RunAsync("Something like Heat");

        Assert.Equal(["recommend", "similar_items", "explain", "record_feedback"], chat.ToolsOffered);
        Assert.Equal(AgentRecAgent.Name, agent.Name);
        Assert.Contains("similar_items for \"like <title>\"", chat.Instructions, StringComparison.Ordinal);
        var similar = await app.Services.GetRequiredService<RecommendationPlugin>().SimilarItemsAsync("Heat", 2);
        Assert.Equal(2, similar.Count);
        Assert.All(similar, i => Assert.Contains($"{i.Title} ({i.Year})", response.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Agent_registered_for_a_host_runs_on_the_hosts_chat_client()
    {
        var chat = new FakeToolCallingChatClient("explain", new() { ["item_id"] = "2571" });
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddSingleton<IChatClient>(chat);
        services.AddSingleton(app.Services.GetRequiredService<RecommendationPlugin>());
        services.AddAgentRecAgent();
        await using var provider = services.BuildServiceProvider();
        var agent = provider.GetRequiredKeyedService<Microsoft.Agents.AI.AIAgent>(AgentRecAgent.Name);

        var response = await agent.RunAsync("Why The Matrix?");

        Assert.Equal("Here you are: The Matrix (1999)", response.Text);
    }
}
