using AgentRec.Core.Contracts;
using AgentRec.Core.Explanation;
using AgentRec.Core.Pipeline;
using AgentRec.Core.State;
using AgentRec.UnitTests.Intent;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>The parse step's result carries the feedback signal, the position pointed at and the answer language.</summary>
[Collection(CatalogCollection.Name)]
public sealed class RequestReaderTests(CatalogFixture fixture)
{
    [Theory]
    [InlineData("I hated Titanic", InteractionKinds.Dislike)]
    [InlineData("Heat is a masterpiece", InteractionKinds.Like)]
    [InlineData("already watched Memento", InteractionKinds.Watched)]
    public async Task A_feedback_turn_carries_its_signal(string message, string signal)
    {
        var parsed = await ReadAsync(message, previousCount: 0);

        Assert.Equal(IntentActions.Feedback, parsed.Intent.Action);
        Assert.Equal(signal, parsed.FeedbackSignal);
    }

    [Fact]
    public async Task A_request_that_is_not_feedback_carries_no_signal()
    {
        var parsed = await ReadAsync("sci-fi movies from the 90s", previousCount: 0);

        Assert.NotEqual(IntentActions.Feedback, parsed.Intent.Action);
        Assert.Null(parsed.FeedbackSignal);
    }

    [Theory]
    [InlineData("more like the second one", 2)]
    [InlineData("why the last one?", 5)]
    [InlineData("第三部怎么样", 3)]
    public async Task A_follow_up_carries_the_position_it_points_at(string message, int position)
    {
        var parsed = await ReadAsync(message, previousCount: 5);

        Assert.Equal(position, parsed.ReferencedPosition);
    }

    [Theory]
    [InlineData("more like the second one", 0)]
    [InlineData("the tenth one", 5)]
    public async Task A_position_past_the_previous_answer_is_no_reference(string message, int previousCount)
    {
        var parsed = await ReadAsync(message, previousCount);

        Assert.Null(parsed.ReferencedPosition);
    }

    [Theory]
    [InlineData("推荐几部科幻电影", Language.Chinese)]
    [InlineData("Inside Out 这部动画太好看了", Language.Chinese)]
    [InlineData("sci-fi movies like Alien", Language.English)]
    public async Task A_message_carries_the_language_to_answer_in(string message, string language)
    {
        var parsed = await ReadAsync(message, previousCount: 0);

        Assert.Equal(language, parsed.Language);
    }

    [Fact]
    public void The_intent_read_is_the_one_the_parser_returned()
    {
        var intent = new RecommendationIntent { Action = IntentActions.Feedback, Count = 3 };

        var parsed = RequestReader.Read("loved it", intent, previousCount: 0);

        Assert.Same(intent, parsed.Intent);
        Assert.Equal(InteractionKinds.Like, parsed.FeedbackSignal);
    }

    private async Task<ParsedRequest> ReadAsync(string message, int previousCount) =>
        RequestReader.Read(message, await fixture.Parser.ParseAsync(message, null, CancellationToken.None), previousCount);
}
