using AgentRec.Core.Training;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// <c>agentrec bench startup</c>: time until the service is ready (catalog, state, indexes, collaborative model), the
/// catalog's memory per 100k items, and the training time of the default encoder.
/// </summary>
internal static class StartupBenchCommand
{
    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Encoder training epochs (0 skips training).", DefaultValueFactory = _ => new EncoderTrainingOptions().Epochs };
        var output = E2eBenchCommand.OutOption();
        var command = new Command("startup", "Time to ready of the service, catalog memory per 100k items, and training time of the default encoder.") { epochs, output };
        command.SetAction(async (parse, ct) =>
        {
            var e = parse.GetValue(epochs);
            if (e is < 0 or > 100)
            {
                return CliFailure.Usage("--epochs must be 0–100");
            }

            return await CliFailure.ReportAsync(() => RunAsync(e, parse.GetValue(output), ct), ex => ex is CatalogLoadException);
        });
        return command;
    }

    private static async Task<int> RunAsync(int epochs, FileInfo? output, CancellationToken ct)
    {
        var rows = new List<IReadOnlyList<string>>();
        var json = new JsonObject { ["bench"] = "startup" };

        // Cold first: nothing is jitted or cached in this process yet, as when the service starts.
        AnsiConsole.MarkupLine("[grey]starting the service in this process (cold)…[/]");
        var cold = Stopwatch.GetTimestamp();
        StartupTimings timings;
        double workingSet;
        await using (var service = await InProcessService.StartAsync(null, ct))
        {
            timings = service.Timings;
            workingSet = MemorySampler.Read(0).WorkingSetMiB;
        }

        var coldTotal = Stopwatch.GetElapsedTime(cold);
        rows.Add(["service listening (catalog, state import, indexes)", BenchReport.F(timings.Listening.TotalSeconds, 2) + " s"]);
        rows.Add(["models ready (collaborative model trained)", BenchReport.F(timings.ModelsReady.TotalSeconds, 2) + " s"]);
        rows.Add(["service ready (after the start-up warm-up)", BenchReport.F(timings.Ready.TotalSeconds, 2) + " s"]);
        rows.Add(["working set when ready", BenchReport.F(workingSet, 0) + " MiB"]);
        json["listeningSeconds"] = BenchReport.J(timings.Listening.TotalSeconds);
        json["modelsReadySeconds"] = BenchReport.J(timings.ModelsReady.TotalSeconds);
        json["readySeconds"] = BenchReport.J(timings.Ready.TotalSeconds);
        json["readyWorkingSetMiB"] = BenchReport.J(workingSet, 1);
        json["coldStartAndStopSeconds"] = BenchReport.J(coldTotal.TotalSeconds);

        AnsiConsole.MarkupLine("[grey]loading the catalog alone…[/]");
        var before = ManagedBytes();
        var started = Stopwatch.GetTimestamp();
        var loaded = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = true })).Load();
        var loadTime = Stopwatch.GetElapsedTime(started);
        var after = ManagedBytes();
        var items = loaded.Catalog.Count;
        var mib = (after - before) / 1048576.0;
        rows.Add(["catalog load (warm process)", BenchReport.F(loadTime.TotalSeconds, 2) + " s"]);
        rows.Add([$"catalog in memory ({items:N0} items, {loaded.Ratings.Count:N0} ratings)", BenchReport.F(mib, 1) + " MiB"]);
        rows.Add(["memory per 100k items (items with their ratings)", BenchReport.F(mib / items * 100_000, 0) + " MiB"]);
        json["catalogLoadSeconds"] = BenchReport.J(loadTime.TotalSeconds);
        json["items"] = items;
        json["ratings"] = loaded.Ratings.Count;
        json["catalogMiB"] = BenchReport.J(mib, 1);
        json["mibPer100kItems"] = BenchReport.J(mib / items * 100_000, 1);

        if (epochs > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]training the default encoder ({epochs} epochs)…[/]");
            var training = Stopwatch.GetTimestamp();
            EncoderTrainer.Train(loaded, new EncoderTrainingOptions { Epochs = epochs }, null, ct);
            var trainTime = Stopwatch.GetElapsedTime(training);
            rows.Add([$"encoder training (hashed n-gram, {epochs} epochs)", BenchReport.F(trainTime.TotalSeconds, 1) + " s"]);
            json["encoderTrainingSeconds"] = BenchReport.J(trainTime.TotalSeconds, 2);
            json["encoderEpochs"] = epochs;
        }

        GC.KeepAlive(loaded);
        var table = new Table().AddColumns("measure", "value").Title("bench startup");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row[0]), row[1]);
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]no cross-encoder reranker is configured by default, so none is trained here.[/]");
        if (output is not null)
        {
            BenchReport.WriteSection(output.FullName, "startup",
                $"Machine: {BenchReport.Machine()}; measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n" + BenchReport.Table(["measure", "value"], rows));
        }

        Console.Out.WriteLine(json.ToJsonString());
        return 0;
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
