using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Personalization;
using AgentRec.Core.Retrieval;
using AgentRec.Core.State;

namespace AgentRec.UnitTests.Ranking;

public sealed class FusedPersonalizationTests
{
    // Two taste groups: users 1–4 watch a1..a4, users 5–8 watch b1..b4.
    private static readonly CollaborativeModel Model = new(CollaborativePersonalizer.Train(
    [
        .. Enumerable.Range(1, 4).SelectMany(u => Enumerable.Range(1, 4).Select(i => new RatingEvent($"u{u}", $"a{i}", 4f, i))),
        .. Enumerable.Range(5, 4).SelectMany(u => Enumerable.Range(1, 4).Select(i => new RatingEvent($"u{u}", $"b{i}", 4f, i))),
    ], new CollaborativePersonalizerOptions { MinItemSupport = 1 }));

    private static readonly ItemCatalog Catalog = new(
        new[] { "a1", "a2", "b2" }.Select(id => new CatalogItem(id, id, id, 2000, [], [], id, 10, 4, ItemDomain.Movie)));

    [Fact]
    public async Task The_alpha_picked_on_validation_decides_between_request_relevance_and_taste()
    {
        var contentHeavy = await Order(new FusionSettings { Alpha = 0.9 });
        var tasteHeavy = await Order(new FusionSettings { Alpha = 0.1 });

        // b2 matches the request better; a2 is what fans of the liked a1 watch.
        Assert.Equal(["b2", "a2"], contentHeavy);
        Assert.Equal(["a2", "b2"], tasteHeavy);
    }

    [Fact]
    public void A_request_that_names_what_it_wants_keeps_the_request_weight_and_an_open_one_takes_the_validated_weight()
    {
        var personalizer = new HybridPersonalizer(new ProfilePersonalizer(Catalog, TimeProvider.System), Model, new FusionSettings { Alpha = 0.15 });

        Assert.Equal(0.15, personalizer.AlphaFor(new RecommendationIntent()));
        Assert.Equal(HybridPersonalizer.RelevanceAlpha, personalizer.AlphaFor(new RecommendationIntent { Genres = ["Comedy"] }));
        Assert.Equal(HybridPersonalizer.RelevanceAlpha, personalizer.AlphaFor(new RecommendationIntent { Keywords = ["heist"] }));
        Assert.Equal(HybridPersonalizer.SortedAlpha, personalizer.AlphaFor(new RecommendationIntent { Sort = IntentSorts.Rating }));
    }

    private static async Task<string[]> Order(FusionSettings fusion)
    {
        var personalizer = new HybridPersonalizer(new ProfilePersonalizer(Catalog, TimeProvider.System), Model, fusion);
        var candidates = new[]
        {
            new ScoredCandidate(Catalog.Items[2], 2, 1) { RerankScore = 1.0 },
            new ScoredCandidate(Catalog.Items[1], 1, 0.2) { RerankScore = 0.2 },
        };
        var user = new UserContext(null, [new Interaction("anonymous", "a1", InteractionKinds.Like, 1, 100)]);

        var ordered = await personalizer.PersonalizeAsync(user, new RecommendationIntent(), candidates, CancellationToken.None);
        return [.. ordered.Select(c => c.Item.Id)];
    }
}
