using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.UnitTests.Intent;

namespace AgentRec.UnitTests.Retrieval;

[Collection(CatalogCollection.Name)]
public sealed class LexicalCandidateRetrieverTests(CatalogFixture fixture)
{
    [Fact]
    public async Task A_topic_few_items_match_does_not_shrink_the_answer_below_the_count_asked_for()
    {
        // "feel-good" is tagged on very few 2000s children's animations; the genres and years alone hold dozens.
        var intent = fixture.Parser.Parse("feel-good animated movies for kids from the 2000s");
        Assert.Equal(["feel-good"], intent.Keywords);

        var candidates = await Retrieve(intent, "feel-good animated movies for kids from the 2000s");

        Assert.True(candidates.Count >= intent.Count, $"{candidates.Count} candidates for {intent.Count} asked");
        Assert.All(candidates, c =>
        {
            var item = c.Item;
            Assert.Contains("Animation", item.Genres);
            Assert.Contains("Children", item.Genres);
            Assert.InRange(item.Year!.Value, 2000, 2009);
        });
    }

    [Fact]
    public async Task A_topic_many_items_match_keeps_unmatched_items_out()
    {
        var intent = fixture.Parser.Parse("five movies about time travel");

        var candidates = await Retrieve(intent, "five movies about time travel");

        Assert.True(candidates.Count >= 5);
        Assert.All(candidates, c => Assert.True(c.RetrievalScore > 0, c.Item.Title));
    }

    [Theory]
    [InlineData("something funny for a family night")]
    [InlineData("a funny movie for a family date night")]
    public async Task Words_already_read_as_genres_or_an_occasion_do_not_rank_titles_that_contain_them(string message)
    {
        var intent = fixture.Parser.Parse(message);
        Assert.Equal(["Comedy", "Children"], intent.Genres);

        var candidates = await Retrieve(intent, message);

        Assert.All(candidates.Take(10), c =>
        {
            Assert.DoesNotContain("Family", c.Item.Title, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Night", c.Item.Title, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Date", c.Item.Title, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task A_date_night_is_an_occasion_not_a_title_word()
    {
        var intent = fixture.Parser.Parse("a movie for date night");

        var candidates = await Retrieve(intent, "a movie for date night");

        Assert.All(candidates.Take(10), c => Assert.DoesNotContain("Date", c.Item.Title, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IReadOnlyList<ScoredCandidate>> Retrieve(RecommendationIntent intent, string message)
    {
        var retriever = new LexicalCandidateRetriever(fixture.Catalog, new Bm25Index(fixture.Catalog), new ItemPriors(fixture.Catalog));
        return await retriever.RetrieveAsync(new RetrievalQuery(intent, message, new HashSet<string>(), 200), CancellationToken.None);
    }
}
