using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Intent.Vocabulary;
using AgentRec.Core.Pipeline;
using AgentRec.Core.Retrieval;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>Follow-ups that move the request in time, ask for other titles, or rule a genre out of the words searched.</summary>
public sealed class FollowUpShiftTests
{
    private static readonly RecommendationIntent Nineties = new() { Genres = ["Sci-Fi"], YearFrom = 1990, YearTo = 1999 };

    [Theory]
    [InlineData("something newer please")]
    [InlineData("those look old, anything more recent?")]
    [InlineData("有没有新一点的")]
    public void Newer_starts_after_the_previous_range(string message)
    {
        var said = Nineties with { Action = IntentActions.Refine, Sort = IntentSorts.Newest };

        var shifted = FollowUps.ShiftInTime(said, Nineties, [1995, 1997], message);

        Assert.Equal(2000, shifted.YearFrom);
        Assert.Null(shifted.YearTo);
        Assert.Equal(IntentSorts.Relevance, shifted.Sort);
    }

    [Theory]
    [InlineData("go further back")]
    [InlineData("再老一点的")]
    public void Older_ends_before_the_previous_range(string message)
    {
        var shifted = FollowUps.ShiftInTime(Nineties with { Action = IntentActions.Refine }, Nineties, [], message);

        Assert.Null(shifted.YearFrom);
        Assert.Equal(1989, shifted.YearTo);
    }

    [Fact]
    public void Without_a_previous_range_the_middle_year_of_the_previous_answer_is_the_pivot()
    {
        var previous = new RecommendationIntent { Keywords = ["Tom Hanks"] };

        var shifted = FollowUps.ShiftInTime(previous with { Action = IntentActions.Refine }, previous, [1988, 1994, 1993, 1998, 1995], "give me newer ones");

        Assert.Equal(1995, shifted.YearFrom);
    }

    [Theory]
    [InlineData("only ones from the 2000s")]
    [InlineData("not the comedies")]
    public void Years_said_in_the_turn_or_no_move_leave_the_intent_alone(string message)
    {
        var said = Nineties with { Action = IntentActions.Refine, YearFrom = 2000, YearTo = 2009 };

        Assert.Same(said, FollowUps.ShiftInTime(said, Nineties, [1995], message));
    }

    [Theory]
    [InlineData("anything else?", true)]
    [InlineData("换一批", true)]
    [InlineData("only the funny ones", false)]
    [InlineData("which of his older ones, before 2005?", false)]
    public void Only_asking_for_others_leaves_the_previous_answer_out(string message, bool others) =>
        Assert.Equal(others, CueVocabulary.Default.AsksForOthers(message));

    [Fact]
    public void A_genre_ruled_out_is_no_word_to_search()
    {
        var intent = new RecommendationIntent { Genres = ["Comedy"], ExcludeGenres = ["Romance"] };

        var words = LexicalQuery.MessageWords("no romantic comedies though, my roommate hates them", intent);

        Assert.True(words.Count == 0, string.Join(",", words));
    }
}
