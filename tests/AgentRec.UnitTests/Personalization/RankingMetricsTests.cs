using AgentRec.Core.Evaluation;
using AgentRec.Core.Personalization;
using AgentRec.Core.Training;

namespace AgentRec.UnitTests.Personalization;

public sealed class RankingMetricsTests
{
    [Fact]
    public void Recall_and_ndcg_average_over_users_by_the_rank_of_the_held_out_item()
    {
        // Ranks 0, 2, 15, 40: R@10 = 2/4, N@10 = (1 + 1/log2(4)) / 4 = 0.375, R@20 = 3/4.
        var metrics = RankingMetrics.FromRanks([0, 2, 15, 40]);

        Assert.Equal(0.5, metrics.RecallAt10, 12);
        Assert.Equal(0.375, metrics.NdcgAt10, 12);
        Assert.Equal(0.75, metrics.RecallAt20, 12);
    }

    [Fact]
    public void Ndcg_of_the_tenth_place_is_one_over_log2_of_eleven_and_zero_after()
    {
        Assert.Equal(1 / Math.Log2(11), RankingMetrics.Ndcg(9, 10), 12);
        Assert.Equal(0, RankingMetrics.Ndcg(10, 10));
    }

    [Fact]
    public void Rank_counts_higher_scores_and_ties_at_lower_indices_ignoring_masked_items()
    {
        var scores = new float[37];
        scores.AsSpan().Fill(0.1f);
        scores[5] = 0.9f;
        scores[30] = 0.5f;
        scores[20] = 0.5f;
        scores[3] = 2f;
        ScoreRanking.Mask(scores, [3]);

        Assert.Equal(2, ScoreRanking.RankOf(scores, 30));
        Assert.Equal(1, ScoreRanking.RankOf(scores, 20));
        Assert.Equal(0, ScoreRanking.RankOf(scores, 5));
    }

    [Fact]
    public void Summary_json_has_the_contract_keys_in_order()
    {
        var m = new RankingMetrics(0.12346, 0.5, 1);
        var result = new RankingEvaluationResult(3, 4, 5, m, m, m, m, "", m, 0, TimeSpan.Zero);

        var json = result.ToSummaryJson();

        var inner = """{"recallAt10":0.1235,"ndcgAt10":0.5,"recallAt20":1}""";
        Assert.Equal(
            "{\"users\":3,\"model\":" + inner + ",\"baselines\":{\"popularity\":" + inner + ",\"itemKnn\":" + inner + ",\"sequenceKnn\":" + inner + "}}",
            json);
    }

    [Fact]
    public void Missing_folder_is_a_catalog_load_error_that_names_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "agentrec-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<AgentRec.Core.Catalog.CatalogLoadException>(() => RankingEvaluation.Run(folder));

        Assert.Contains(folder, error.Message);
    }
}
