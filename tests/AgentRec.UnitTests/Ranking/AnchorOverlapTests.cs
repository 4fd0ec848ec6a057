using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;

namespace AgentRec.UnitTests.Ranking;

public sealed class AnchorOverlapTests
{
    private static readonly CatalogItem Matrix = Movie("2571", "The Matrix", ["Action", "Sci-Fi", "Thriller"], 278, 4.2);
    private static readonly CatalogItem Gump = Movie("356", "Forrest Gump", ["Comedy", "Drama", "Romance", "War"], 329, 4.2);
    private static readonly CatalogItem MenInBlack = Movie("1580", "Men in Black", ["Action", "Comedy", "Sci-Fi"], 165, 3.5);
    // The three, among lesser-known films so the popularity and rating priors have MovieLens-like spreads.
    private static readonly ItemCatalog Catalog = new(
        [Matrix, Gump, MenInBlack, .. Enumerable.Range(0, 40).Select(i => Movie("f" + i, "Filler " + i, ["Drama"], 2 + (i * 4), 2.8 + (i % 10 * 0.12)))]);

    [Fact]
    public async Task A_request_like_a_named_title_keeps_that_title_s_kind_in_view()
    {
        var intent = new RecommendationIntent
        {
            Action = IntentActions.Similar,
            Genres = ["Comedy"],
            SimilarTo = [new TitleReference("Matrix, The (1999)", Matrix.Id)],
        };
        var priors = new ItemPriors(Catalog);
        ScoredCandidate[] candidates = [new(Gump, 1, 0.8), new(MenInBlack, 2, 0.7)];

        var ranked = await new LinearFeatureReranker(priors).RerankAsync(intent, "something like The Matrix but funnier", candidates, CancellationToken.None);

        Assert.Equal(["Men in Black", "Forrest Gump"], ranked.Select(c => c.Item.Title));
    }

    [Fact]
    public void The_overlap_counts_only_genres_beyond_the_requested_ones()
    {
        var intent = new RecommendationIntent { Genres = ["Comedy"], SimilarTo = [new TitleReference("Matrix, The (1999)", Matrix.Id)] };
        var anchor = LinearFeatureReranker.AnchorGenres(intent, Catalog);

        Assert.Equal(["Action", "Sci-Fi", "Thriller"], anchor!.Order(StringComparer.Ordinal));
        Assert.Equal(LinearFeatureReranker.AnchorOverlapWeight * 2 / 3, LinearFeatureReranker.AnchorOverlap(MenInBlack, anchor), 6);
        Assert.Equal(0, LinearFeatureReranker.AnchorOverlap(Gump, anchor));
        Assert.Null(LinearFeatureReranker.AnchorGenres(new RecommendationIntent { Genres = ["Comedy"] }, Catalog));
    }

    private static CatalogItem Movie(string id, string title, string[] genres, int votes, double rating) =>
        new(id, title, title, 1999, genres, [], string.Empty, votes, rating, ItemDomain.Movie);
}
