using AgentRec.Core.Evaluation;

namespace AgentRec.Cli.Commands;

/// <summary>Charts of <c>eval ranking</c> written with ScottPlot.</summary>
internal static class RankingPlots
{
    /// <summary>File name of the recall@k chart.</summary>
    public const string RecallCurveFile = "recall-at-k.png";

    /// <summary>Writes Recall@k for k = 1..50, one line per method, to <paramref name="folder"/>; returns the file's path.</summary>
    public static string WriteRecallCurves(RankingEvaluationResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var plot = new ScottPlot.Plot();
        foreach (var row in result.Rows)
        {
            if (!result.RecallCurves.TryGetValue(row.Name, out var curve))
            {
                continue;
            }

            var ks = new double[curve.Length];
            for (var k = 0; k < ks.Length; k++)
            {
                ks[k] = k + 1;
            }

            var line = plot.Add.Scatter(ks, curve);
            line.LegendText = row.Name;
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }

        plot.Title($"Recall@k, leave-last-out test item ({result.Users} users, {result.Items} items)");
        plot.XLabel("k");
        plot.YLabel("Recall@k");
        plot.Axes.SetLimits(1, 50, 0, Math.Max(0.05, result.RecallCurves.Values.Select(c => c[^1]).DefaultIfEmpty(0).Max() * 1.05));
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        var path = Path.Combine(folder, RecallCurveFile);
        plot.SavePng(path, 1000, 640);
        return path;
    }
}
