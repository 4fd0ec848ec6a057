using AgentRec.Core.Personalization;

namespace AgentRec.UnitTests.Personalization;

public sealed class UserKnnScorerTests
{
    // Items 0..5. The query has {0,1,2}: user 0 shares all three and adds 3; user 1 shares one and adds 4;
    // user 2 shares nothing and has 5; user 3 is the query's own training row.
    private static readonly InteractionData Data = new(6, [History(0, 1, 2, 3), History(0, 4), History(5), History(0, 1, 2)]);

    [Fact]
    public void Items_of_the_closer_neighbour_score_higher_and_strangers_items_score_nothing()
    {
        var scores = Score(UserKnnScorer.Fit(Data, neighbours: 10, shrink: 0f), History(0, 1, 2));

        Assert.True(scores[3] > scores[4], $"{scores[3]} vs {scores[4]}");
        Assert.True(scores[4] > 0f);
        Assert.Equal(0f, scores[5]);
    }

    [Fact]
    public void Similarity_is_the_shrunk_cosine_of_the_item_sets()
    {
        var scores = Score(UserKnnScorer.Fit(Data, neighbours: 10, shrink: 1f), History(0, 1, 2));

        // user 0: 3 / (√3·√4 + 1); user 1: 1 / (√3·√2 + 1).
        Assert.Equal(3f / ((MathF.Sqrt(3) * 2f) + 1f), scores[3], 5);
        Assert.Equal(1f / ((MathF.Sqrt(3) * MathF.Sqrt(2)) + 1f), scores[4], 5);
    }

    [Fact]
    public void Only_the_nearest_neighbours_vote()
    {
        var scores = Score(UserKnnScorer.Fit(Data, neighbours: 1, shrink: 0f), History(0, 1, 2));

        Assert.True(scores[3] > 0f);
        Assert.Equal(0f, scores[4]);
    }

    [Fact]
    public void An_empty_history_scores_every_item_zero()
    {
        var scores = Score(UserKnnScorer.Fit(Data), History());

        Assert.All(scores, s => Assert.Equal(0f, s));
    }

    private static float[] Score(UserKnnScorer scorer, UserHistory history)
    {
        var scores = new float[scorer.ItemCount];
        Array.Fill(scores, float.NaN);
        scorer.Score(history, scores);
        return scores;
    }

    private static UserHistory History(params int[] items) => new(items, new long[items.Length]);
}
