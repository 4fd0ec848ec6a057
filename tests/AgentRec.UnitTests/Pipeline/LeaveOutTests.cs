using AgentRec.Core.Contracts;
using AgentRec.Core.Intent.Vocabulary;
using AgentRec.Core.Pipeline;
using AgentRec.Core.State;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>
/// Titles named to be left out ("besides The Matrix", "除了千与千寻"): the request stays what it was, only those titles
/// go, and the rest of the previous answer may stay.
/// </summary>
public sealed class LeaveOutTests : LexicalPipelineTest
{
    [Theory]
    [InlineData("sci-fi movies from the 90s", "besides The Matrix", "2571")]
    [InlineData("Miyazaki films", "other than Spirited Away", "5618")]
    [InlineData("推荐几部宫崎骏的电影", "除了千与千寻", "5618")]
    public async Task A_title_left_out_in_a_follow_up_goes_and_the_request_stays(string first, string then, string leftOut)
    {
        var (one, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = first }, CancellationToken.None);
        var (two, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = then, ConversationId = one!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.DoesNotContain(two!.Items, i => i.ItemId == leftOut);
        Assert.True(two.Items.Count >= 3, string.Join(", ", two.Items.Select(i => i.Title)));
        // The rest of the first answer still answers: only the named title went.
        Assert.NotEmpty(two.Items.Select(i => i.ItemId).Intersect(one.Items.Select(i => i.ItemId)));
    }

    [Fact]
    public async Task A_first_message_leaving_a_title_out_keeps_its_own_constraints()
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "90s sci-fi movies besides The Matrix" }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
        Assert.DoesNotContain(response.Items, i => i.ItemId == "2571");
        Assert.All(response.Items, i => Assert.Contains("Sci-Fi", i.Genres));
        Assert.All(response.Items, i => Assert.InRange(i.Year ?? 0, 1990, 1999));
        Assert.StartsWith("Leaving out The Matrix", response.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_title_left_out_beside_an_anchor_is_neither_anchor_nor_answer()
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "movies like Heat but not Ronin" }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(IntentActions.Similar, response!.Intent!.Action);
        Assert.Equal(["6"], response.Intent.SimilarTo.Select(t => t.ItemId));
        Assert.NotEmpty(response.Items);
        Assert.DoesNotContain(response.Items, i => i.ItemId is "2278" or "6");
    }

    [Theory]
    [InlineData("other than Spirited Away", false)]
    [InlineData("besides The Shining", false)]
    [InlineData("除了千与千寻", false)]
    [InlineData("anything other than these?", true)]
    [InlineData("除了这些还有吗", true)]
    public void Leaving_out_named_titles_is_not_asking_for_a_new_list(string message, bool others) =>
        Assert.Equal(others, CueVocabulary.Default.AsksForOthers(message));

    [Theory]
    [InlineData("besides The Matrix")]
    [InlineData("除了千与千寻还有什么")]
    public void Leaving_a_title_out_is_a_skip(string message) =>
        Assert.Equal(InteractionKinds.Skip, FeedbackCues.SignalOf(message));

    [Fact]
    public async Task A_turn_after_a_title_left_out_refines_the_request_not_the_title()
    {
        var (one, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "sci-fi movies from the 90s" }, CancellationToken.None);
        var (two, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "besides The Matrix", ConversationId = one!.ConversationId }, CancellationToken.None);
        var (three, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "something more recent, like 2010 or later", ConversationId = two!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Empty(three!.Intent!.SimilarTo);
        Assert.Contains("Sci-Fi", three.Intent.Genres);
        Assert.Equal(2010, three.Intent.YearFrom);
        Assert.All(three.Items, i => Assert.Contains("Sci-Fi", i.Genres));
    }

    [Fact]
    public async Task A_first_message_that_enjoyed_a_title_answers_with_more_like_it_of_its_kind()
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "my 13 year old niece just devoured the hunger games" }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(IntentActions.Feedback, response!.Intent!.Action);
        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.StartsWith("book-", i.ItemId, StringComparison.Ordinal));
        Assert.DoesNotContain(response.Items, i => i.ItemId == "book-1");
    }
}
