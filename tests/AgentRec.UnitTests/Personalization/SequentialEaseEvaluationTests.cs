using AgentRec.Core.Catalog;
using AgentRec.Core.Evaluation;

namespace AgentRec.UnitTests.Personalization;

public sealed class SequentialEaseEvaluationTests
{
    [Fact]
    public void Model_beats_item_knn_and_popularity_on_ml_latest_small()
    {
        var folder = DataPaths.FindShared("data/ml-latest-small");
        Assert.NotNull(folder);

        var result = RankingEvaluation.Run(folder, new RankingEvaluationOptions { TuneModel = false });

        Assert.Equal(610, result.Users);
        Assert.True(result.Model.RecallAt10 > result.ItemKnn.RecallAt10, result.ToSummaryJson());
        Assert.True(result.Model.RecallAt10 > result.Popularity.RecallAt10, result.ToSummaryJson());
        Assert.True(result.Model.NdcgAt10 > result.ItemKnn.NdcgAt10, result.ToSummaryJson());
    }
}
