using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>The whole pipeline (rules, lexical retrieval, the real catalog) asked for something like a title it does not hold.</summary>
public sealed class UnknownTitleTests : LexicalPipelineTest
{
    [Theory]
    [InlineData("something like The Glass Meridian Protocol, I loved that one", "The Glass Meridian Protocol", "couldn't find")]
    [InlineData("movies like Breaking Bad", "Breaking Bad", "couldn't find")]
    [InlineData("《星河铁骑》这部电影有吗？找了好久没找到", "星河铁骑", "没有找到")]
    public async Task A_title_the_catalog_does_not_hold_gets_no_items_and_an_answer_that_says_so(string message, string title, string says)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.Empty(response!.Items);
        var reference = Assert.Single(response.Intent!.SimilarTo);
        Assert.Equal((title, null), (reference.Title, reference.ItemId));
        Assert.Contains(title, response.Explanation, StringComparison.Ordinal);
        Assert.Contains(says, response.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_conversation_goes_on_without_a_title_answered_as_unknown()
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "I loved Knives Out, anything similar?" }, CancellationToken.None);
        var (second, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "ok, mystery movies then", ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Empty(first.Items);
        Assert.Null(error);
        Assert.Empty(second!.Intent!.SimilarTo);
        Assert.Contains("Mystery", second.Intent.Genres);
        Assert.NotEmpty(second.Items);
    }

    [Theory]
    [InlineData("something like the harry potter movies")]
    [InlineData("I loved Pulp Fiction And Reservoir Dogs, more like those")]
    [InlineData("a thriller like The Glass Meridian Protocol")]
    public async Task A_known_title_or_another_constraint_still_gets_an_answer(string message)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
    }
}
