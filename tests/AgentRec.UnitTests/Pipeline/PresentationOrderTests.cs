using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;

namespace AgentRec.UnitTests.Pipeline;

public sealed class PresentationOrderTests
{
    private static readonly ScoredCandidate[] Chosen =
    [
        Candidate("a", 2001, 3.9, 300),
        Candidate("b", 2015, 4.4, 12),
        Candidate("c", 1994, 4.1, 120),
        Candidate("d", 2015, 3.2, 40),
    ];

    [Theory]
    [InlineData(IntentSorts.Newest, "b,d,a,c")]
    [InlineData(IntentSorts.Rating, "b,c,a,d")]
    [InlineData(IntentSorts.Popularity, "a,c,d,b")]
    [InlineData(IntentSorts.Relevance, "a,b,c,d")]
    public void Chosen_items_are_shown_in_the_order_the_request_named_ties_keeping_the_ranking(string sort, string expected)
    {
        var shown = RecommendationPipeline.PresentInOrder(new RecommendationIntent { Sort = sort }, Chosen);

        Assert.Equal(expected, string.Join(',', shown.Select(c => c.Item.Id)));
    }

    private static ScoredCandidate Candidate(string id, int year, double rating, int votes) =>
        new(new CatalogItem(id, id, id, year, ["Drama"], [], string.Empty, votes, rating, ItemDomain.Movie), 0, 1);
}
