using System.CommandLine;
using System.Globalization;
using AgentRec.Core.Catalog;
using AgentRec.Core.Evaluation;
using Spectre.Console;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec eval</c>: offline evaluations whose last output line is one JSON object.</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Offline evaluations; each prints a table and, as its last line, one JSON object.")
    {
        CreateRanking(),
    };

    private static Command CreateRanking()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "MovieLens-format folder (ratings.csv with userId,movieId,rating,timestamp; movies.csv).",
            Required = true,
        };
        var noTune = new Option<bool>("--no-tune") { Description = "Skip the validation search and use the default hyper-parameters." };
        var command = new Command("ranking",
            "Leave-last-out ranking evaluation (5-core filter; last interaction = test, the one before = validation): Recall@10, NDCG@10, Recall@20 of the model and the popularity, item-kNN and sequence-aware baselines.")
        {
            data, noTune,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetRequiredValue(data).FullName;
            RankingEvaluationResult result;
            try
            {
                result = AnsiConsole.Status().Start("Evaluating…", ctx =>
                    RankingEvaluation.Run(folder, new RankingEvaluationOptions { TuneModel = !parse.GetValue(noTune) },
                        new Progress<string>(s => ctx.Status(Markup.Escape(s)))));
            }
            catch (CatalogLoadException ex)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
                return 1;
            }

            var table = new Table().AddColumns("method", "Recall@10", "NDCG@10", "Recall@20");
            foreach (var row in result.Rows)
            {
                table.AddRow(Markup.Escape(row.Name), F(row.RecallAt10), F(row.NdcgAt10), F(row.RecallAt20));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated(
                $"{result.Users:N0} users, {result.Items:N0} items, {result.Interactions:N0} interactions after the 5-core filter; model: {result.ModelSettings}; {result.Elapsed.TotalSeconds:F1} s");
            Console.Out.WriteLine(result.ToSummaryJson());
            return 0;
        });
        return command;
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
