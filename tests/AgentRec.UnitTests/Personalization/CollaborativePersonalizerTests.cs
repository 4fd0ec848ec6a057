using AgentRec.Core.Catalog;
using AgentRec.Core.Personalization;

namespace AgentRec.UnitTests.Personalization;

public sealed class CollaborativePersonalizerTests
{
    // Two taste groups: users 1–4 watch a1..a4, users 5–8 watch b1..b4, so every item is equally popular.
    private static readonly CollaborativePersonalizer Model = CollaborativePersonalizer.Train(
    [
        .. Enumerable.Range(1, 4).SelectMany(u => Enumerable.Range(1, 4).Select(i => new RatingEvent($"u{u}", $"a{i}", 4f, i))),
        .. Enumerable.Range(5, 4).SelectMany(u => Enumerable.Range(1, 4).Select(i => new RatingEvent($"u{u}", $"b{i}", 4f, i))),
    ], new CollaborativePersonalizerOptions { MinItemSupport = 1 });

    private static float[] Score(string? user, IReadOnlyList<UserInteraction> session, params string[] candidates)
    {
        var scores = new float[candidates.Length];
        Model.ScoreCandidates(user, session, candidates, scores);
        return scores;
    }

    [Fact]
    public void The_link_behind_a_candidate_is_the_history_item_its_watchers_share()
    {
        UserInteraction[] session = [new("a1", 100, InteractionSignal.Like), new("b1", 101, InteractionSignal.Like)];

        var links = Model.StrongestLinks(null, session, ["a2", "b3", "unknown"]);

        Assert.Equal(new string?[] { "a1", "b1", null }, links.AsEnumerable());
    }

    [Fact]
    public void A_candidate_no_history_item_shares_watchers_with_has_no_link()
    {
        var links = Model.StrongestLinks(null, [new UserInteraction("a1", 100, InteractionSignal.Like)], ["b2"]);

        Assert.Null(Assert.Single(links));
    }

    [Fact]
    public void A_like_in_the_session_lifts_items_of_the_same_taste_on_the_next_call()
    {
        var before = Score("new-user", [], "a2", "b2");
        var after = Score("new-user", [new UserInteraction("a1", 100, InteractionSignal.Like)], "a2", "b2");

        Assert.Equal(before[0], before[1]);
        Assert.True(after[0] > after[1], $"a2 {after[0]} vs b2 {after[1]}");
    }

    [Fact]
    public void A_dislike_removes_the_item_and_pushes_similar_items_down()
    {
        UserInteraction[] liked = [new("a1", 100, InteractionSignal.Like), new("b1", 101, InteractionSignal.Like)];
        var before = Score(null, liked, "a2", "a3", "b3");
        var after = Score(null, [.. liked, new("a2", 102, InteractionSignal.Dislike)], "a2", "a3", "b3");

        Assert.Equal(CollaborativePersonalizer.SeenScore, after[0]);
        Assert.True(after[1] < before[1], $"a3 {before[1]} → {after[1]}");
        Assert.True(after[1] < after[2], $"a3 {after[1]} vs b3 {after[2]}");
    }

    [Fact]
    public void Items_rated_fewer_times_than_the_minimum_support_stay_outside_the_model()
    {
        var model = CollaborativePersonalizer.Train(
            [new RatingEvent("u1", "rare", 4f, 1), .. Enumerable.Range(1, 5).Select(u => new RatingEvent($"u{u}", "common", 4f, 2))],
            new CollaborativePersonalizerOptions { MinItemSupport = 5 });
        var scores = new float[2];

        model.ScoreCandidates("u2", [], ["rare", "common"], scores);

        Assert.False(model.Contains("rare"));
        Assert.True(model.Contains("common"));
        Assert.Equal(0f, scores[0]);
    }

    [Fact]
    public void Items_in_the_stored_history_score_as_seen_and_unknown_items_score_zero()
    {
        var scores = Score("u1", [], "a1", "b1", "not-in-model");

        Assert.Equal(CollaborativePersonalizer.SeenScore, scores[0]);
        Assert.True(scores[1] > CollaborativePersonalizer.SeenScore);
        Assert.Equal(0f, scores[2]);
    }
}
