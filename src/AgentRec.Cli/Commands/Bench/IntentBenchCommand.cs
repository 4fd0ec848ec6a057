using AgentRec.Core.Evaluation;
using AgentRec.Core.Intent;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// <c>agentrec bench intent</c>: the rule parser's time per request over labelled request files (the shared sample and
/// the project's own sets by default), as a distribution (p50/p95/p99/max) across every request and round, beside an
/// exact title lookup timed the same way in the same run.
/// </summary>
internal static class IntentBenchCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo[]>("--input") { Description = "Request files in the eval intent format. Default: shared/eval/intent-sample.jsonl and tests/AgentRec.UnitTests/Intent/Data/*.jsonl.", AllowMultipleArgumentsPerToken = true };
        var rounds = new Option<int>("--rounds") { Description = "Times every request is parsed and timed.", DefaultValueFactory = _ => 50 };
        var warmup = new Option<double>("--warmup-seconds") { Description = "Unmeasured parsing first, so the parser runs in its optimised JIT form.", DefaultValueFactory = _ => 2 };
        var output = E2eBenchCommand.OutOption();
        var command = new Command("intent", "Rule parser time per request (p50/p95/p99/max) over labelled request files, beside an exact title lookup.")
        {
            input, rounds, warmup, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var r = parse.GetValue(rounds);
            var w = parse.GetValue(warmup);
            if (r is < 1 or > 10_000 || w is < 0 or > 600 || double.IsNaN(w))
            {
                return CliFailure.Usage("--rounds must be 1–10000 and --warmup-seconds 0–600");
            }

            var files = parse.GetValue(input) is { Length: > 0 } given ? [.. given.Select(f => f.FullName)] : DefaultFiles();
            if (files.Count == 0)
            {
                return CliFailure.Usage("no request files: pass --input FILE (shared/eval/intent-sample.jsonl was not found)");
            }

            return await CliFailure.ReportAsync(() => RunAsync(files, r, TimeSpan.FromSeconds(w), parse.GetValue(output), ct),
                ex => ex is IntentEvaluationInputException or CatalogLoadException or FileNotFoundException);
        });
        return command;
    }

    private static List<string> DefaultFiles()
    {
        var files = new List<string>();
        if (DataPaths.FindShared(Path.Combine("eval", "intent-sample.jsonl")) is { } sample)
        {
            files.Add(sample);
        }

        if (DataPaths.FindRepositoryRoot() is { } root && Path.Combine(root, "tests", "AgentRec.UnitTests", "Intent", "Data") is var sets && Directory.Exists(sets))
        {
            files.AddRange(Directory.GetFiles(sets, "*.jsonl").Order(StringComparer.Ordinal));
        }

        return files;
    }

    private static async Task<int> RunAsync(List<string> files, int rounds, TimeSpan warmup, FileInfo? output, CancellationToken ct)
    {
        var queries = new List<string>();
        foreach (var file in files)
        {
            foreach (var example in await IntentEvaluation.ReadExamplesAsync(file, ct))
            {
                queries.Add(example.Query);
            }
        }

        AnsiConsole.MarkupLineInterpolated($"[grey]{queries.Count} requests from {files.Count} file(s); loading the catalog…[/]");
        var catalog = new CatalogLoader(Options.Create(new CatalogOptions())).Load().Catalog;
        var titles = new TitleResolver(catalog);
        var parser = new RuleIntentParser(titles);
        const string LookupTitle = "the shawshank redemption";

        var warm = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warm) < warmup)
        {
            foreach (var q in queries)
            {
                parser.Parse(q);
            }

            titles.Resolve(LookupTitle);
        }

        // Each parse timed alone; a lookup after every parse, so both share the machine's state at that moment.
        var parses = new double[queries.Count * rounds];
        var lookups = new double[queries.Count * rounds];
        var perQuery = new double[queries.Count][];
        for (var q = 0; q < queries.Count; q++)
        {
            perQuery[q] = new double[rounds];
        }

        var gcBefore = GC.CollectionCount(0);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var k = 0;
        for (var round = 0; round < rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            for (var q = 0; q < queries.Count; q++)
            {
                var started = Stopwatch.GetTimestamp();
                parser.Parse(queries[q]);
                var parsed = Stopwatch.GetTimestamp();
                titles.Resolve(LookupTitle);
                var looked = Stopwatch.GetTimestamp();
                parses[k] = Micro(parsed - started);
                lookups[k] = Micro(looked - parsed);
                perQuery[q][round] = parses[k];
                k++;
            }
        }

        var bytesPerParse = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)parses.Length;
        var gen0 = GC.CollectionCount(0) - gcBefore;
        var parse = LatencySummary.From(parses);
        var lookup = LatencySummary.From(lookups);
        var slowest = Enumerable.Range(0, queries.Count)
            .Select(q => (Query: queries[q], Median: LatencySummary.From(perQuery[q]).P50))
            .OrderByDescending(x => x.Median)
            .Take(5)
            .ToList();

        string[] headers = ["measure", "timings", "p50 µs", "p95 µs", "p99 µs", "max µs", "mean µs"];
        List<IReadOnlyList<string>> rows =
        [
            ["rule parse, one request", parse.Count.ToString("N0", CultureInfo.InvariantCulture), BenchReport.F(parse.P50), BenchReport.F(parse.P95), BenchReport.F(parse.P99), BenchReport.F(parse.Max), BenchReport.F(parse.Mean)],
            ["exact title lookup (baseline)", lookup.Count.ToString("N0", CultureInfo.InvariantCulture), BenchReport.F(lookup.P50), BenchReport.F(lookup.P95), BenchReport.F(lookup.P99), BenchReport.F(lookup.Max), BenchReport.F(lookup.Mean)],
        ];

        var table = new Table().AddColumns(headers).Title("bench intent (rule parser)").Expand();
        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        AnsiConsole.Write(table);
        var notes = $"{queries.Count} requests ({files.Count} files) × {rounds} rounds after {warmup.TotalSeconds:F0} s of warm-up; "
            + $"p99 is {BenchReport.F(parse.P99 / 1000, 3)} of the 1 ms target and {BenchReport.F(parse.P99 / Math.Max(lookup.P50, 1e-9), 1)}× the lookup's p50; "
            + $"{BenchReport.F(bytesPerParse, 0)} bytes allocated per parse, {gen0} gen-0 collections during the run. Slowest requests (median µs): "
            + string.Join("; ", slowest.Select(s => $"\"{s.Query}\" {BenchReport.F(s.Median)}"));
        AnsiConsole.MarkupLineInterpolated($"[grey]{notes}[/]");
        if (output is not null)
        {
            BenchReport.WriteSection(output.FullName, "intent",
                $"Machine: {BenchReport.Machine()}; measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n" + BenchReport.Table(headers, rows) + "\n" + notes + ".\n");
        }

        var json = new JsonObject
        {
            ["bench"] = "intent",
            ["requests"] = queries.Count,
            ["rounds"] = rounds,
            ["parse"] = Summary(parse),
            ["exactTitleLookup"] = Summary(lookup),
            ["p99OfTarget"] = BenchReport.J(parse.P99 / 1000, 4),
            ["bytesPerParse"] = BenchReport.J(bytesPerParse, 0),
        };
        Console.WriteLine(json.ToJsonString());
        return 0;
    }

    private static JsonObject Summary(LatencySummary s) => new()
    {
        ["p50Us"] = BenchReport.J(s.P50, 2),
        ["p95Us"] = BenchReport.J(s.P95, 2),
        ["p99Us"] = BenchReport.J(s.P99, 2),
        ["maxUs"] = BenchReport.J(s.Max, 2),
        ["meanUs"] = BenchReport.J(s.Mean, 2),
    };

    private static double Micro(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
