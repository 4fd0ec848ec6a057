using AgentRec.Core.Evaluation;
using AgentRec.Core.Intent;
using AgentRec.Core.Personalization;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec eval</c>: offline evaluations whose last output line is one JSON object.</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Offline evaluations; each prints a table and, as its last line, one JSON object.")
    {
        CreateIntent(),
        CreateRanking(),
        CreateRetrieval(),
        EvalAnswersCommand.Create(),
    };

    private static Command CreateRetrieval()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "MovieLens-format folder (movies.csv, ratings.csv, tags.csv).",
            Required = true,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the hold-out splits and query sampling (the encoder trains with its own fixed seed).",
            DefaultValueFactory = _ => new RetrievalEvaluationOptions().Seed,
        };
        var noTune = new Option<bool>("--no-tune") { Description = "Skip the validation search and fuse with the service's Retrieval:AnchorLexicalWeight." };
        var pretrained = new Option<string>("--pretrained")
        {
            Description = "Pretrained encoders to add rows for (comma-separated manifest names, e.g. minilm,arctic-xs; 'none' for none). Default: every packaged embedding model installed by `agentrec models pull`.",
            DefaultValueFactory = _ => "installed",
        };
        var manifestOption = new Option<FileInfo?>("--manifest") { Description = "Model manifest. Default: models/models.json in the repository." };
        var noAdapter = new Option<bool>("--no-adapter")
        {
            Description = "Leave out the fineTuned:NAME rows (a linear adapter trained over each pretrained encoder on the training split).",
        };
        var fusionWeights = new Option<string>("--fusion-weights")
        {
            Description = "Weights w in [0, 1] of each pretrained encoder in the fused:own+NAME@w rows, (1-w)*cos_own + w*cos_NAME (comma-separated; 'none' for none).",
            DefaultValueFactory = _ => string.Join(',', new RetrievalEvaluationOptions().EncoderFusionWeights.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        };
        fusionWeights.Validators.Add(result =>
        {
            if (ParseWeights(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--fusion-weights takes numbers in [0, 1] separated by commas, or 'none'.");
            }
        });
        var command = new Command("retrieval",
            "Recall@10/@50 of query→item retrieval on held-out data (tag queries, co-liked items, and paraphrase queries that share no word with their item's text) for lexical, untrained encoder, fine-tuned encoder, hybrid, and the installed pretrained encoders (alone, under an adapter trained on the training split, fused with the fine-tuned own encoder, and each hybrid).")
        {
            data, seed, noTune, pretrained, manifestOption, noAdapter, fusionWeights,
        };
        command.SetAction(parse =>
        {
            var encoders = OpenPretrained(parse.GetValue(pretrained) ?? "installed", parse.GetValue(manifestOption));
            try
            {
                return RunRetrieval(parse, data, seed, noTune, noAdapter, ParseWeights(parse.GetValue(fusionWeights)) ?? [], encoders);
            }
            finally
            {
                foreach (var encoder in encoders)
                {
                    encoder.Dispose();
                }
            }
        });
        return command;
    }

    private static int RunRetrieval(
        ParseResult parse, Option<DirectoryInfo> data, Option<int> seed, Option<bool> noTune, Option<bool> noAdapter, double[] fusionWeights,
        List<Core.Embeddings.PretrainedTextEncoder> encoders)
    {
        RetrievalEvaluationResult result;
        var options = new RetrievalEvaluationOptions
        {
            Seed = parse.GetValue(seed),
            TuneFusion = !parse.GetValue(noTune),
            Pretrained = encoders,
            Adapter = parse.GetValue(noAdapter) ? null : new Core.Training.AdapterTrainingOptions(),
            EncoderFusionWeights = fusionWeights,
        };
        try
        {
            result = AnsiConsole.Status().Start("Evaluating retrieval…", ctx =>
                RetrievalEvaluation.Run(parse.GetRequiredValue(data).FullName, options, new Progress<string>(s => ctx.Status(Markup.Escape(s)))));
        }
        catch (CatalogLoadException ex)
        {
            return CliFailure.Exit(ex);
        }

        var table = new Table().AddColumns("task", "method", "Recall@10", "Recall@50");
        foreach (var row in result.Rows)
        {
            table.AddRow(row.Task, row.Method, F(row.RecallAt10), F(row.RecallAt50));
        }

        AnsiConsole.Write(table);
        if (result.Fusion is { } fusion)
        {
            ReportFusion(fusion, options.Hybrid);
        }

        Console.Out.WriteLine(result.ToSummaryJson());
        return 0;
    }

    /// <summary>The weights of --fusion-weights ('none' for none); null when one is not a number in [0, 1].</summary>
    private static double[]? ParseWeights(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var weights = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]) || weights[i] is < 0 or > 1)
            {
                return null;
            }
        }

        return weights;
    }

    /// <summary>
    /// Opens the pretrained encoders to evaluate: the names given, or with "installed" every packaged embedding model
    /// whose files are present; one that cannot be opened (missing, corrupt) is reported and left out.
    /// </summary>
    private static List<Core.Embeddings.PretrainedTextEncoder> OpenPretrained(string selection, FileInfo? manifestFile)
    {
        var result = new List<Core.Embeddings.PretrainedTextEncoder>();
        if (string.Equals(selection, "none", StringComparison.OrdinalIgnoreCase))
        {
            return result;
        }

        var path = manifestFile?.FullName ?? (DataPaths.FindRepositoryRoot() is { } root ? Path.Combine(root, "models", "models.json") : null);
        if (path is null || !File.Exists(path))
        {
            AnsiConsole.MarkupLine("[yellow]warning:[/] no model manifest found; no pretrained encoder rows.");
            return result;
        }

        var manifest = Core.Models.ModelManifest.Load(path);
        var installed = string.Equals(selection, "installed", StringComparison.OrdinalIgnoreCase);
        var models = installed
            ? manifest.Models.Where(m => m.Kind == "embedding" && m.Package is not null && m.Files.All(f => File.Exists(Path.Combine(manifest.Folder, f.Path))))
            : selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => manifest.Find(n) ?? throw new ArgumentException($"no model '{n}' in {path}"));
        foreach (var model in models)
        {
            try
            {
                result.Add(Core.Embeddings.PretrainedTextEncoder.Open(model, manifest.Folder));
            }
            catch (Core.Embeddings.PretrainedEncoderException ex)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {model.Name} left out: {ex.Message}");
            }
        }

        return result;
    }

    private static void ReportFusion(RetrievalFusionSelection fusion, Core.Retrieval.HybridRetrievalOptions service)
    {
        static string Sweep(IReadOnlyList<RetrievalWeightRecall> sweep) =>
            string.Join(", ", sweep.Select(s => $"{s.Weight.ToString(CultureInfo.InvariantCulture)}: {F(s.Recall.RecallAt10)}/{F(s.Recall.RecallAt50)}"));

        AnsiConsole.MarkupLineInterpolated(
            $"Retrieval:AnchorLexicalWeight picked on {fusion.CoLikedQueries} co-liked pairs of a validation split of the training tags and users (smallest within one standard error of the best): {fusion.AnchorLexicalWeight.ToString(CultureInfo.InvariantCulture)} (service {service.AnchorLexicalWeight.ToString(CultureInfo.InvariantCulture)}); hybrid R@10/R@50 per weight: {Sweep(fusion.CoLikedSweep)}; fine-tuned alone {F(fusion.CoLikedFineTuned.RecallAt10)}/{F(fusion.CoLikedFineTuned.RecallAt50)}");
    }

    private static Command CreateIntent()
    {
        var input = new Option<FileInfo>("--input")
        {
            Description = "JSONL file, one {\"query\": \"...\", \"intent\": {...}} per line (the format of shared/eval/intent-sample.jsonl).",
            Required = true,
        };
        var movieLens = CliOptions.MovieLens();
        var command = new Command("intent",
            "Parse every query with the intent parser and compare with the gold intent: exact match and per-slot accuracy.")
        {
            input, movieLens,
        };
        command.SetAction(async (parse, ct) =>
        {
            return await CliFailure.ReportAsync(async () =>
            {
                var options = CliOptions.Catalog(parse, movieLens, null, null, null);
                var catalog = new CatalogLoader(Microsoft.Extensions.Options.Options.Create(options)).Load().Catalog;
                var parser = new RuleIntentParser(new TitleResolver(catalog));
                var result = await IntentEvaluation.RunAsync(parser, parse.GetRequiredValue(input).FullName, ct);
                var table = new Table().AddColumns("line", "query", "slot", "expected", "actual");
                foreach (var m in result.Mismatches)
                {
                    table.AddRow(m.Line.ToString(CultureInfo.InvariantCulture), Markup.Escape(m.Query), m.Slot, Markup.Escape(m.Expected), Markup.Escape(m.Actual));
                }

                if (result.Mismatches.Count > 0)
                {
                    AnsiConsole.Write(table);
                }

                var slots = new Table().AddColumns("slot", "accuracy");
                foreach (var (slot, accuracy) in result.SlotAccuracy)
                {
                    slots.AddRow(slot, F(accuracy));
                }

                slots.AddRow("[bold]exact match[/]", $"[bold]{F(result.ExactMatch)}[/]");
                AnsiConsole.Write(slots);
                AnsiConsole.MarkupLineInterpolated($"{result.Examples} examples, {result.Mismatches.Count} slot mismatch(es); parser: rules");
                Console.Out.WriteLine(result.ToSummaryJson());
                return 0;
            }, ex => ex is IntentEvaluationInputException or CatalogLoadException);
        });
        return command;
    }

    private static Command CreateRanking()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "MovieLens-format folder (ratings.csv with userId,movieId,rating,timestamp; movies.csv).",
            Required = true,
        };
        var noTune = new Option<bool>("--no-tune") { Description = "Skip the validation search and use the default hyper-parameters." };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Folder for charts: recall-at-k.png (Recall@k for k = 1..50 per method)." };
        var command = new Command("ranking",
            "Leave-last-out ranking evaluation (5-core filter; last interaction = test, the one before = validation): Recall@10, NDCG@10, Recall@20 of the model and the popularity, item-kNN and sequence-aware baselines.")
        {
            data, noTune, outDir,
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
                return CliFailure.Exit(ex);
            }

            var table = new Table().AddColumns("method", "Recall@10", "NDCG@10", "Recall@20");
            foreach (var row in result.Rows)
            {
                table.AddRow(Markup.Escape(row.Name), F(row.RecallAt10), F(row.NdcgAt10), F(row.RecallAt20));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated(
                $"{result.Users:N0} users, {result.Items:N0} items, {result.Interactions:N0} interactions after the 5-core filter; model: {result.ModelSettings}; {result.Elapsed.TotalSeconds:F1} s");
            if (result.Fusion is { } fusion)
            {
                ReportFusion(fusion, folder);
            }

            if (parse.GetValue(outDir) is { } chartFolder)
            {
                AnsiConsole.MarkupLineInterpolated($"recall@k chart written to {RankingPlots.WriteRecallCurves(result, chartFolder.FullName)}");
            }

            Console.Out.WriteLine(result.ToSummaryJson());
            return 0;
        });
        return command;
    }

    private static void ReportFusion(FusionSelection fusion, string folder)
    {
        var tau = double.IsPositiveInfinity(fusion.TauDays) ? "∞ (no decay)" : F(fusion.TauDays) + " days";
        AnsiConsole.MarkupLineInterpolated(
            $"fusion y = α·content + (1−α)·CF picked on validation ({fusion.Combinations} combinations): α = {F(fusion.Alpha)}, τ = {tau}; validation R@10 {F(fusion.RecallAt10)} / N@10 {F(fusion.NdcgAt10)} (CF alone {F(fusion.CfRecallAt10)} / {F(fusion.CfNdcgAt10)})");
        if (FusionSettings.DefaultPath() is not { } path)
        {
            return;
        }

        new FusionSettings
        {
            Alpha = fusion.Alpha,
            TauDays = double.IsPositiveInfinity(fusion.TauDays) ? null : fusion.TauDays,
            SelectedOn = $"eval ranking --data {Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar))} (leave-last-out validation item)",
            ValidationRecallAt10 = Math.Round(fusion.RecallAt10, 4),
            ValidationNdcgAt10 = Math.Round(fusion.NdcgAt10, 4),
        }.Save(path);
        AnsiConsole.MarkupLineInterpolated($"fusion settings saved to {path}");
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
