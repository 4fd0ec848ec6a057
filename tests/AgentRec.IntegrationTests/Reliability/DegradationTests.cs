using AgentRec.Core.Catalog;
using AgentRec.Core.Explanation;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using Microsoft.AspNetCore.TestHost;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>The service with a stuck intent model, a broken reranker and explainer, and a vector store that can go away.</summary>
public sealed class DegradedService : IDisposable
{
    public DegradedService()
    {
        App = AgentRecAppFactory.Start(0, null, b =>
        {
            b.UseSetting("Pipeline:IntentTimeoutMs", "200");
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<IIntentParser, FakeStuckIntentParser>();
                s.AddSingleton<IReranker, FakeBrokenReranker>();
                s.AddSingleton<IExplainer, FakeBrokenExplainer>();
                s.AddSingleton(sp => new FakeUnreachableIndexRetriever(sp.GetRequiredService<LexicalCandidateRetriever>()));
                s.AddSingleton<ICandidateRetriever>(sp => sp.GetRequiredService<FakeUnreachableIndexRetriever>());
            });
        });
    }

    public AgentRecAppFactory App { get; }

    internal FakeUnreachableIndexRetriever Retriever => App.Services.GetRequiredService<FakeUnreachableIndexRetriever>();

    public void Dispose() => App.Dispose();
}

/// <summary>Optional stages that fail or hang fall back; an unreachable index is a clear error, never a 500.</summary>
public sealed class DegradationTests(DegradedService service) : IClassFixture<DegradedService>
{
    [Fact]
    public async Task Stuck_parser_broken_reranker_and_broken_explainer_still_give_a_full_answer()
    {
        service.Retriever.Unreachable = false;
        using var client = service.App.CreateHttpClient();

        using var response = await client.PostAsJsonAsync("/api/recommendations", new { message = "three sci-fi movies from the 90s" });

        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<RecommendationResponse>();
        var catalog = service.App.Services.GetRequiredService<ItemCatalog>();
        Assert.Equal(["Sci-Fi"], answer!.Intent!.Genres);
        Assert.Equal(3, answer.Items.Count);
        Assert.All(answer.Items, i => Assert.InRange(i.Year ?? 0, 1990, 1999));
        Assert.False(string.IsNullOrWhiteSpace(answer.Explanation));
        Assert.All(answer.Items, i => Assert.True(catalog.TryGet(i.ItemId, out _)));
    }

    [Fact]
    public async Task Unreachable_vector_index_is_an_index_unavailable_problem_not_a_500()
    {
        service.Retriever.Unreachable = true;
        try
        {
            using var client = service.App.CreateHttpClient();

            using var response = await client.PostAsJsonAsync("/api/recommendations", new { message = "comedies" });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(ErrorCodes.IndexUnavailable, json.RootElement.GetProperty("code").GetString());
        }
        finally
        {
            service.Retriever.Unreachable = false;
        }
    }

    [Fact]
    public async Task Unreachable_vector_index_streams_an_error_event_and_the_hub_stays_usable()
    {
        await using var connection = await service.App.ConnectAsync();
        service.Retriever.Unreachable = true;
        var failed = new List<RecommendationEvent>();
        try
        {
            await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", new RecommendRequest { Message = "comedies" }))
            {
                failed.Add(e);
            }
        }
        finally
        {
            service.Retriever.Unreachable = false;
        }

        var recovered = new List<RecommendationEvent>();
        await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", new RecommendRequest { Message = "comedies" }))
        {
            recovered.Add(e);
        }

        Assert.Equal(ErrorCodes.IndexUnavailable, failed[^1].Error!.Code);
        Assert.Equal(RecommendationEventTypes.Done, recovered[^1].Type);
    }
}
