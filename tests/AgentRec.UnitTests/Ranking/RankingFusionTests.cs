using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Evaluation;
using AgentRec.Core.Personalization;
using AgentRec.Core.Training;

namespace AgentRec.UnitTests.Ranking;

public sealed class RankingFusionTests
{
    private static CatalogItem Movie(string id, params string[] genres) =>
        new(id, "m" + id, "m" + id, 2000, genres, [], "", 10, 4, ItemDomain.Movie);

    [Fact]
    public void Content_profile_ranks_items_of_the_users_genres_first()
    {
        string[] ids = ["1", "2", "3", "4"];
        var items = new[] { Movie("1", "Sci-Fi"), Movie("2", "Sci-Fi", "Action"), Movie("3", "Romance"), Movie("4", "Sci-Fi") };
        var scorer = RankingContentProfile.Build(ids, items).WithDecay(double.PositiveInfinity);
        var scores = new float[4];

        scorer.Score(new UserHistory(new[] { 0, 1 }, new long[] { 10, 20 }), scores);

        Assert.True(scores[3] > scores[2]);
    }

    [Fact]
    public void A_short_decay_lets_the_latest_interaction_set_the_profile()
    {
        string[] ids = ["1", "2", "3", "4"];
        var items = new[] { Movie("1", "Romance"), Movie("2", "Sci-Fi"), Movie("3", "Romance"), Movie("4", "Sci-Fi") };
        var profile = RankingContentProfile.Build(ids, items);
        // Romance long ago (30 days), Sci-Fi just now.
        var history = new UserHistory(new[] { 0, 1 }, new long[] { 0, 30 * 86_400 });
        var scores = new float[4];

        profile.WithDecay(1).Score(history, scores);

        Assert.True(scores[3] > scores[2]);
    }

    [Fact]
    public void Fusion_search_keeps_cf_alone_when_the_content_side_carries_no_signal()
    {
        var ratings = new List<RatingEvent>();
        var random = new Random(5);
        for (var u = 0; u < 30; u++)
        {
            for (var t = 0; t < 8; t++)
            {
                ratings.Add(new RatingEvent("u" + u, random.Next(12).ToString(System.Globalization.CultureInfo.InvariantCulture), 4f, t));
            }
        }

        var data = RankingDataset.FromRatings(ratings, 3);
        var cf = PopularityScorer.Fit(data.TrainingData(2));
        var featureless = RankingContentProfile.Build(data.ItemIds, []);

        var selection = FusionWeightSearch.Select(cf, featureless, data, heldOut: 2, maxDegreeOfParallelism: 1);

        Assert.Equal(0, selection.Alpha);
        Assert.Equal(selection.CfRecallAt10, selection.RecallAt10);
    }

    [Fact]
    public void Recall_curve_accumulates_hits_by_rank()
    {
        var curve = RankingMetrics.RecallCurve([0, 2, 2, 60], maxK: 3);

        Assert.Equal([0.25, 0.25, 0.75], curve);
    }

    [Fact]
    public void Fusion_settings_round_trip_and_a_malformed_file_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-fusion-").FullName;
        try
        {
            var path = Path.Combine(folder, FusionSettings.FileName);
            new FusionSettings { Alpha = 0.15, TauDays = 0.5, SelectedOn = "test" }.Save(path);
            var loaded = FusionSettings.Load(path);
            File.WriteAllText(path, "{\"version\":1,\"alpha\":3}");

            var error = Assert.Throws<InvalidDataException>(() => FusionSettings.Load(path));

            Assert.Equal((0.15, (double?)0.5), (loaded.Alpha, loaded.TauDays));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
