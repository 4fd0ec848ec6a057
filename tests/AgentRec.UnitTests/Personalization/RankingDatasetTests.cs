using AgentRec.Core.Catalog;
using AgentRec.Core.Evaluation;
using AgentRec.Core.Training;

namespace AgentRec.UnitTests.Personalization;

public sealed class RankingDatasetTests
{
    private static RatingEvent R(string user, string item, long ts) => new(user, item, 4f, ts);

    // The same sequence for three users, so that every item passes a 3-core filter.
    private static List<RatingEvent> ThreeUsers(Func<string, RatingEvent[]> sequence) =>
        [.. sequence("u1"), .. sequence("u2"), .. sequence("u3")];

    [Fact]
    public void Five_core_filter_repeats_until_every_user_and_item_has_five_interactions()
    {
        var ratings = new List<RatingEvent>();
        // Users a..e see items 1..5: a clean 5-core.
        foreach (var u in new[] { "a", "b", "c", "d", "e" })
        {
            for (var i = 1; i <= 5; i++)
            {
                ratings.Add(R(u, i.ToString(), i));
            }
        }

        // Item 6 has five users, one of them f; f's four other items are rare, so dropping them drops f below five,
        // which drops item 6 below five on the next pass.
        ratings.Add(R("a", "6", 10));
        ratings.Add(R("b", "6", 10));
        ratings.Add(R("c", "6", 10));
        ratings.Add(R("d", "6", 10));
        ratings.Add(R("f", "6", 10));
        ratings.Add(R("f", "7", 11));
        ratings.Add(R("f", "8", 12));
        ratings.Add(R("f", "9", 13));
        ratings.Add(R("f", "10", 14));

        var data = RankingDataset.FromRatings(ratings, 5);

        Assert.Equal(["a", "b", "c", "d", "e"], data.UserIds);
        Assert.Equal(["1", "2", "3", "4", "5"], data.ItemIds);
        Assert.Equal(25, data.InteractionCount);
    }

    [Fact]
    public void Five_core_of_ml_latest_small_has_610_users_3650_items_90274_interactions()
    {
        var folder = DataPaths.FindShared("data/ml-latest-small");
        Assert.NotNull(folder);
        var ratings = MovieLensLoader.Load(folder, new List<CatalogLoadIssue>()).Ratings;

        var data = RankingDataset.FromRatings(ratings, 5);

        Assert.Equal((610, 3650, 90274L), (data.UserCount, data.ItemCount, data.InteractionCount));
    }

    [Fact]
    public void Interactions_are_sorted_by_time_with_ties_kept_in_source_order()
    {
        var ratings = ThreeUsers(u => [R(u, "c", 30), R(u, "b", 20), R(u, "z", 20), R(u, "a", 10), R(u, "y", 20)]);

        var data = RankingDataset.FromRatings(ratings, 3);
        var order = data.Sequence(0).Items.ToArray().Select(i => data.ItemIds[i]);

        Assert.Equal(["a", "b", "z", "y", "c"], order);
    }

    [Fact]
    public void Validation_item_is_held_out_of_its_own_history_and_joins_the_test_history()
    {
        var ratings = ThreeUsers(u => [R(u, "a", 1), R(u, "b", 2), R(u, "c", 3), R(u, "d", 4), R(u, "e", 5)]);
        var data = RankingDataset.FromRatings(ratings, 3);
        string Name(int i) => data.ItemIds[i];

        Assert.Equal("d", Name(data.Target(0, 2)));
        Assert.Equal(["a", "b", "c"], data.History(0, 2).Items.ToArray().Select(Name));
        Assert.Equal("e", Name(data.Target(0, 1)));
        Assert.Equal(["a", "b", "c", "d"], data.History(0, 1).Items.ToArray().Select(Name));
        Assert.DoesNotContain(data.Target(0, 1), data.TrainingData(1).Users[0].Items.ToArray());
    }
}
