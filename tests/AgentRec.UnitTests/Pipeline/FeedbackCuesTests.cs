using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;
using AgentRec.Core.State;

namespace AgentRec.UnitTests.Pipeline;

public sealed class FeedbackCuesTests
{
    [Theory]
    [InlineData("the hangover was not funny at all")]
    [InlineData("I couldn't stand Mean Girls")]
    [InlineData("Twilight was so overrated")]
    [InlineData("Heat wasn't that good")]
    [InlineData("阿凡达太烂了")]
    [InlineData("盗梦空间很无聊")]
    [InlineData("I hated Titanic")]
    public void Judging_a_title_badly_is_a_dislike(string message)
    {
        Assert.Equal(InteractionKinds.Dislike, FeedbackCues.SignalOf(message));
    }

    [Theory]
    [InlineData("Heat is a masterpiece")]
    [InlineData("1984 was a great read")]
    [InlineData("Inside Out 这部动画太好看了")]
    [InlineData("loved reading The Book Thief")]
    [InlineData("Memento was not bad")]
    public void Praising_a_title_is_a_like(string message)
    {
        Assert.Equal(InteractionKinds.Like, FeedbackCues.SignalOf(message));
    }

    [Theory]
    [InlineData("already watched Memento")]
    [InlineData("《1984》这本书我读过了")]
    public void Saying_it_was_seen_is_watched(string message)
    {
        Assert.Equal(InteractionKinds.Watched, FeedbackCues.SignalOf(message));
    }
}
