using AgentRec.Cli.Commands;
using AgentRec.Core.Evaluation;
using AgentRec.Core.Training;

namespace AgentRec.UnitTests.Ranking;

public sealed class RankingPlotsTests
{
    [Fact]
    public void Writes_the_recall_curves_as_a_png()
    {
        var m = new RankingMetrics(0.1, 0.05, 0.2);
        var result = new RankingEvaluationResult(3, 4, 5, m, m, m, m, "", m, 0, TimeSpan.Zero)
        {
            RecallCurves = new Dictionary<string, double[]>
            {
                [RankingEvaluationResult.ModelName] = RankingMetrics.RecallCurve([0, 3, 12, 40]),
                ["popularity"] = RankingMetrics.RecallCurve([5, 30, 70, 90]),
            },
        };
        var folder = Directory.CreateTempSubdirectory("agentrec-plot-").FullName;
        try
        {
            var path = RankingPlots.WriteRecallCurves(result, folder);

            var header = File.ReadAllBytes(path)[..8];
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, header);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
