namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// <c>agentrec bench e2e</c> and <c>bench load</c>: real SignalR clients against the service (hosted in this process
/// unless <c>--url</c> names a running one), time to first event and to <c>done</c>, throughput, errors, memory.
/// </summary>
internal static class E2eBenchCommand
{
    private const int Seed = 20261123;

    public static Command Create()
    {
        var clients = new Option<string>("--clients") { Description = "Comma-separated client counts, one run each.", DefaultValueFactory = _ => "1,16,64,256" };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per client count (after connecting and warming up).", DefaultValueFactory = _ => 10 };
        var rate = new Option<string?>("--rate")
        {
            Description = "Open loop: offer this many requests per second in total (comma-separated: one run per rate and client count), spread evenly over the clients, and time each request from its scheduled send. Default: each client sends back to back.",
        };
        var warmup = WarmupOption();
        var url = UrlOption();
        var output = OutOption();
        var command = new Command("e2e", "End-to-end latency and throughput over the SignalR hub at several client counts.") { clients, seconds, rate, warmup, url, output };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryParseCounts(parse.GetRequiredValue(clients), out var counts))
            {
                return CliFailure.Usage("--clients takes comma-separated positive integers, e.g. 1,16,64,256");
            }

            double?[] rates = [null];
            if (parse.GetValue(rate) is { } text)
            {
                if (!TryParseRates(text, out var parsed))
                {
                    return CliFailure.Usage("--rate takes comma-separated numbers of requests per second above 0 and up to 1000000, e.g. 400,800");
                }

                rates = [.. parsed.Select(r => (double?)r)];
            }

            // The paced run keeps its own section in --out, beside the back-to-back one.
            var name = rates[0] is null ? "e2e" : "e2e-paced";
            return await RunAsync(name, counts, parse.GetValue(seconds), parse.GetValue(url), parse.GetValue(output), rates, parse.GetValue(warmup), ct);
        });
        return command;
    }

    public static Command CreateLoad()
    {
        var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 64 };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds.", DefaultValueFactory = _ => 60 };
        var url = UrlOption();
        var output = OutOption();
        var warmup = WarmupOption();
        var command = new Command("load", "Sustained load at one client count, with the process's memory sampled every second (reliability, soak).")
        {
            clients, seconds, warmup, url, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(clients);
            if (n < 1)
            {
                return CliFailure.Usage("--clients must be at least 1");
            }

            return await RunAsync("load", [n], parse.GetValue(seconds), parse.GetValue(url), parse.GetValue(output), [null], parse.GetValue(warmup), ct);
        });
        return command;
    }

    internal static Option<double?> WarmupOption() => new("--warmup-seconds")
    {
        Description = "Seconds of back-to-back requests before each measured run. Default: with the in-process host, until its JIT goes quiet "
            + $"(fewer than {Core.Hosting.JitQuietWindow.QuietMethodsPerSecond} methods compiled in a second; 3 to 60 s); with --url, none (two requests per client).",
    };

    internal static bool TryParseRates(string text, out double[] rates)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        rates = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out rates[i]) || !(rates[i] is > 0 and <= 1_000_000))
            {
                return false;
            }
        }

        return rates.Length > 0;
    }

    internal static Option<string?> UrlOption() => new("--url") { Description = "A running AgentRec service; default: host one in this process on a loopback port." };

    internal static Option<FileInfo?> OutOption() => new("--out")
    {
        Description = "Also write the results as markdown into this file's section for this bench (e.g. docs/PERFORMANCE.md).",
    };

    internal static bool TryParseCounts(string text, out int[] counts)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        counts = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]) || counts[i] < 1)
            {
                return false;
            }
        }

        return counts.Length > 0;
    }

    private static async Task<int> RunAsync(string name, int[] counts, double seconds, string? url, FileInfo? output, double?[] rates, double? warmupSeconds, CancellationToken ct)
    {
        if (warmupSeconds is < 0 or > 3600 || (warmupSeconds is { } w && double.IsNaN(w)))
        {
            return CliFailure.Usage("--warmup-seconds must be between 0 and 3600");
        }

        if (seconds is <= 0 or > 86400 || double.IsNaN(seconds))
        {
            return CliFailure.Usage("--seconds must be between 0 and 86400");
        }

        Uri? remote = null;
        if (url is not null && (remote = CliOptions.ServiceUrl(url)) is null)
        {
            return 2;
        }

        var before = MemorySampler.Read(0);
        InProcessService? service = null;
        try
        {
            if (remote is null)
            {
                AnsiConsole.MarkupLine("[grey]starting the service in this process…[/]");
                service = await InProcessService.StartAsync(null, ct);
                AnsiConsole.MarkupLineInterpolated(
                    $"[grey]service at {service.Address} listening after {service.Timings.Listening.TotalSeconds:F1} s, ready after {service.Timings.Ready.TotalSeconds:F1} s[/]");
            }

            var address = remote ?? service!.Address;
            var afterStart = MemorySampler.Read(0);
            PipelineProbeResult? direct = null;
            if (service is not null && name == "e2e")
            {
                AnsiConsole.MarkupLine("[grey]the pipeline alone (no transport), one request at a time…[/]");
                direct = await PipelineProbe.RunAsync(
                    service.Services.GetRequiredService<Core.Pipeline.RecommendationPipeline>(), TimeSpan.FromSeconds(Math.Min(seconds, 5)), Seed, ct);
                AnsiConsole.MarkupLineInterpolated(
                    $"pipeline alone: {direct.Requests} requests, {direct.CpuMsPerRequest:F2} CPU ms/request, {direct.AllocatedBytesPerRequest / 1024:F1} KB allocated/request, {direct.Gen0Collections} gen-0 collections, p50 {direct.Latency.P50:F2} ms, p95 {direct.Latency.P95:F2} ms");
            }

            var results = new List<LoadResult>();
            var stages = new List<IReadOnlyList<(string Stage, double MeanMs, long Count)>>();
            using var recorder = service is null ? null : new StageRecorder();
            await using (var sampler = new MemorySampler(TimeSpan.FromSeconds(1)))
            {
                var warmUp = warmupSeconds is { } fixedSeconds
                    ? new WarmUp(fixedSeconds, fixedSeconds, UntilJitQuiet: false)
                    : service is null ? WarmUp.None : new WarmUp(3, 60, UntilJitQuiet: true);
                foreach (var n in counts)
                {
                    foreach (var rate in rates)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[grey]{n} client(s) for {seconds:0.#} s{(rate is { } r ? $", offered {r:0.#} requests/s" : string.Empty)}…[/]");
                        var result = await LoadGenerator.RunAsync(address, n, TimeSpan.FromSeconds(seconds), Seed, ct, rate, warmUp, measuring: () => recorder?.Reset());
                        AnsiConsole.MarkupLineInterpolated($"[grey]  after {result.WarmupSeconds:F1} s of warm-up; {result.JitCompiledDuringRun} methods JIT-compiled in this process during the run[/]");
                        results.Add(result);
                        stages.Add(recorder?.Means() ?? []);
                    }
                }

                GC.Collect();
                var after = MemorySampler.Read(0);
                Report(name, results, stages, direct, service is null ? address.ToString() : "in-process", before, afterStart, after, name == "load" ? sampler : null, output);
            }

            return results.Exists(r => r.Requests == 0) ? 1 : 0;
        }
        catch (HttpRequestException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] cannot reach the service: {ex.Message}");
            return 1;
        }
        finally
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }

    private static void Report(
        string name, List<LoadResult> results, List<IReadOnlyList<(string Stage, double MeanMs, long Count)>> stages,
        PipelineProbeResult? direct, string host, MemorySample before, MemorySample afterStart, MemorySample after, MemorySampler? sampler, FileInfo? output)
    {
        string[] headers = ["clients", "offered req/s", "requests", "req/s", "errors", "CPU ms/req", "first p50", "first p95", "first p99", "done p50", "done p95", "done p99", "done max"];
        var rows = results.Select(r => (IReadOnlyList<string>)
        [
            r.Clients.ToString(CultureInfo.InvariantCulture), r.OfferedRate is { } offered ? BenchReport.F(offered) : "as fast as answered",
            r.Requests.ToString(CultureInfo.InvariantCulture), BenchReport.F(r.RequestsPerSecond),
            r.Errors.ToString(CultureInfo.InvariantCulture), BenchReport.F(r.CpuMsPerRequest, 2), BenchReport.F(r.FirstEvent.P50), BenchReport.F(r.FirstEvent.P95),
            BenchReport.F(r.FirstEvent.P99), BenchReport.F(r.Done.P50), BenchReport.F(r.Done.P95), BenchReport.F(r.Done.P99),
            BenchReport.F(r.Done.Max),
        ]).ToList();
        var table = new Table().AddColumns(headers).Title($"bench {name} (latencies in ms; host: {Markup.Escape(host)})");
        foreach (var row in rows)
        {
            table.AddRow(row.ToArray());
        }

        AnsiConsole.Write(table);
        foreach (var r in results)
        {
            foreach (var e in r.ErrorSamples)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]{r.Clients} clients, error:[/] {e}");
            }
        }

        var stageMarkdown = string.Empty;
        var stageJson = new JsonArray();
        if (stages.Exists(s => s.Count > 0))
        {
            string[] stageHeaders = ["clients", "offered req/s", "intent", "retrieve", "rerank", "personalize", "explain", "server total", "outside stages"];
            var stageRows = new List<IReadOnlyList<string>>();
            for (var i = 0; i < results.Count; i++)
            {
                var byName = stages[i].ToDictionary(s => s.Stage, s => s.MeanMs, StringComparer.Ordinal);
                var total = byName.GetValueOrDefault("request", double.NaN);
                var inside = byName.Where(kv => kv.Key != "request").Sum(kv => kv.Value);
                stageRows.Add([results[i].Clients.ToString(CultureInfo.InvariantCulture), results[i].OfferedRate is { } offered ? BenchReport.F(offered) : "as fast as answered", .. stageHeaders[2..7].Select(h => BenchReport.F(byName.GetValueOrDefault(h, double.NaN), 3)),
                    BenchReport.F(total, 3), BenchReport.F(total - inside, 3)]);
                var entry = new JsonObject { ["clients"] = results[i].Clients, ["offeredRequestsPerSecond"] = results[i].OfferedRate is { } rate ? BenchReport.J(rate, 1) : null };
                foreach (var (stage, mean, _) in stages[i])
                {
                    entry[stage] = BenchReport.J(mean);
                }

                stageJson.Add(entry);
            }

            var stageTable = new Table().AddColumns(stageHeaders).Title("server time per request by stage (mean ms, pipeline telemetry)");
            foreach (var row in stageRows)
            {
                stageTable.AddRow(row.ToArray());
            }

            AnsiConsole.Write(stageTable);
            stageMarkdown = "\nServer time per request by stage (mean ms, from the pipeline's stage histograms; \"outside stages\" is state reads/writes and event assembly):\n\n"
                + BenchReport.Table(stageHeaders, stageRows);
        }

        var memory = new JsonObject
        {
            ["beforeStartWorkingSetMiB"] = BenchReport.J(before.WorkingSetMiB, 1),
            ["startedWorkingSetMiB"] = BenchReport.J(afterStart.WorkingSetMiB, 1),
            ["startedGcHeapMiB"] = BenchReport.J(afterStart.GcHeapMiB, 1),
            ["afterWorkingSetMiB"] = BenchReport.J(after.WorkingSetMiB, 1),
            ["afterGcHeapMiB"] = BenchReport.J(after.GcHeapMiB, 1),
        };
        var memoryLine = $"memory (this process): working set {afterStart.WorkingSetMiB:F0} MiB after start → {after.WorkingSetMiB:F0} MiB after the run; GC heap {afterStart.GcHeapMiB:F0} → {after.GcHeapMiB:F0} MiB";
        if (sampler is not null)
        {
            var (ws, heap) = sampler.Trend();
            memory["samples"] = sampler.Samples.Count;
            memory["workingSetSlopeMiBPerMinute"] = BenchReport.J(ws, 2);
            memory["gcHeapSlopeMiBPerMinute"] = BenchReport.J(heap, 2);
            memoryLine += $"; trend over {sampler.Samples.Count} one-second samples: working set {ws:+0.00;-0.00} MiB/min, GC heap {heap:+0.00;-0.00} MiB/min";
        }

        AnsiConsole.MarkupLineInterpolated($"{memoryLine}");
        if (output is not null)
        {
            var md = $"Machine: {BenchReport.Machine()}; host: {host}; measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n"
                + (direct is { } p ? $"The pipeline alone (no transport, one request at a time): {p.CpuMsPerRequest:F2} CPU ms/request, {p.AllocatedBytesPerRequest / 1024:F1} KB allocated per request (all threads), p50 {p.Latency.P50:F2} ms, p95 {p.Latency.P95:F2} ms.\n\n" : string.Empty)
                + BenchReport.Table(headers, rows)
                + $"\nWarm-up before each run, back to back: {string.Join(", ", results.Select(r => r.WarmupSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"))}; "
                + $"methods JIT-compiled in the bench process during each measured run: {string.Join(", ", results.Select(r => r.JitCompiledDuringRun.ToString(CultureInfo.InvariantCulture)))}.\n"
                + stageMarkdown + "\n" + memoryLine + ".\n";
            BenchReport.WriteSection(output.FullName, name, md);
        }

        var runs = new JsonArray();
        foreach (var r in results)
        {
            runs.Add(new JsonObject
            {
                ["clients"] = r.Clients,
                ["offeredRequestsPerSecond"] = r.OfferedRate is { } offered ? BenchReport.J(offered, 1) : null,
                ["seconds"] = BenchReport.J(r.Seconds, 2),
                ["requests"] = r.Requests,
                ["requestsPerSecond"] = BenchReport.J(r.RequestsPerSecond, 1),
                ["errors"] = r.Errors,
                ["cpuMsPerRequest"] = BenchReport.J(r.CpuMsPerRequest),
                ["warmupSeconds"] = BenchReport.J(r.WarmupSeconds, 1),
                ["jitCompiledDuringRun"] = r.JitCompiledDuringRun,
                ["firstEventMs"] = Latency(r.FirstEvent),
                ["doneMs"] = Latency(r.Done),
            });
        }

        var json = new JsonObject { ["bench"] = name, ["host"] = host, ["cores"] = Environment.ProcessorCount, ["runs"] = runs, ["stagesMs"] = stageJson, ["memory"] = memory };
        if (direct is { } d)
        {
            json["pipelineAlone"] = new JsonObject
            {
                ["requests"] = d.Requests, ["cpuMsPerRequest"] = BenchReport.J(d.CpuMsPerRequest), ["allocatedBytesPerRequest"] = BenchReport.J(d.AllocatedBytesPerRequest, 0), ["gen0Collections"] = d.Gen0Collections, ["p50"] = BenchReport.J(d.Latency.P50), ["p95"] = BenchReport.J(d.Latency.P95),
            };
        }

        Console.Out.WriteLine(json.ToJsonString());
    }

    private static JsonObject Latency(LatencySummary s) => new()
    {
        ["p50"] = BenchReport.J(s.P50),
        ["p95"] = BenchReport.J(s.P95),
        ["p99"] = BenchReport.J(s.P99),
        ["mean"] = BenchReport.J(s.Mean),
        ["max"] = BenchReport.J(s.Max),
    };
}
