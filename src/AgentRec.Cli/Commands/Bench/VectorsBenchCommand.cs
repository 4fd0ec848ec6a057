using static AgentRec.Cli.Commands.Bench.VectorsBenchRunner;

namespace AgentRec.Cli.Commands.Bench;

/// <summary><c>agentrec bench vectors</c>: exact and HNSW vector search against memory bandwidth and hnswlib-node.</summary>
public static class VectorsBenchCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Collection sizes, comma separated.", DefaultValueFactory = _ => "10000,100000,1000000" };
        var dims = new Option<int>("--dims") { Description = "Vector width.", DefaultValueFactory = _ => 384 };
        var queries = new Option<int>("--queries") { Description = "Queries per measurement.", DefaultValueFactory = _ => 200 };
        var output = new Option<FileInfo?>("--out") { Description = "Markdown report to write (e.g. docs/PERFORMANCE-vectors.md)." };
        var m = new Option<int>("--m") { Description = "HNSW links per node.", DefaultValueFactory = _ => 16 };
        var efConstruction = new Option<int>("--ef-construction") { Description = "HNSW build candidate list width.", DefaultValueFactory = _ => 200 };
        var efSearch = new Option<string>("--ef-search")
        {
            Description = "HNSW search candidate list widths, comma separated: the first fills the main columns, all of them the recall/throughput curve (ours and the peer's).",
            DefaultValueFactory = _ => "128",
        };
        var annMax = new Option<int>("--ann-max-size") { Description = "Largest size for which the HNSW graph (and the peer) is built.", DefaultValueFactory = _ => 1_000_000 };
        var noPeer = new Option<bool>("--no-peer") { Description = "Skip the hnswlib-node comparison." };
        var peerTimeout = new Option<int>("--peer-timeout") { Description = "Seconds the peer may take per size.", DefaultValueFactory = _ => 900 };
        var distribution = new Option<string>("--distribution")
        {
            Description = "uniform: random directions (the hardest case for a graph index); clustered: vectors around √N centres, closer to real embeddings.",
            DefaultValueFactory = _ => "uniform",
        };
        distribution.AcceptOnlyFromAmong("uniform", "clustered");
        var targetRecall = new Option<double>("--target-recall")
        {
            Description = "After the build, calibrate efSearch to this recall@10 on the index's own vectors (as the service does) and measure the bench queries at that width; 0 skips.",
            DefaultValueFactory = _ => 0.0,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the random vectors and HNSW levels.", DefaultValueFactory = _ => 42 };
        var buildThreads = new Option<int>("--build-threads") { Description = "Threads that insert into the HNSW graph (−1: all cores; 1: one at a time, as the peer does).", DefaultValueFactory = _ => -1 };
        var command = new Command("vectors",
            "Exact and HNSW search over seeded random unit vectors: queries/s, p50, recall@10, build time, memory, share of memory bandwidth, and hnswlib-node when node is present. Last line: one JSON object.")
        {
            sizes, dims, queries, output, m, efConstruction, efSearch, annMax, noPeer, peerTimeout, seed, distribution, targetRecall, buildThreads,
        };
        command.SetAction(parse =>
        {
            int[] parsedSizes, parsedEfs;
            try
            {
                parsedSizes = ParseList(parse.GetValue(sizes)!);
                parsedEfs = ParseList(parse.GetValue(efSearch)!);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                return CliFailure.Usage("--sizes and --ef-search take whole numbers separated by commas, e.g. 10000,100000");
            }

            var settings = new VectorsBenchSettings(
                parsedSizes, parse.GetValue(dims), parse.GetValue(queries), parse.GetValue(m), parse.GetValue(efConstruction), parsedEfs,
                parse.GetValue(annMax), !parse.GetValue(noPeer), parse.GetValue(peerTimeout), parse.GetValue(seed),
                parse.GetValue(distribution) == "clustered", parse.GetValue(targetRecall), parse.GetValue(buildThreads));
            if (settings.Sizes.Length == 0 || settings.Sizes.Any(s => s < 10) || settings.Dims < 1 || settings.Queries < 1 || settings.M < 2 || settings.EfSearches.Length == 0 || settings.EfSearches.Any(e => e < 1) || settings.TargetRecall is < 0 or > 1 || settings.EfConstruction < 1 || settings.BuildThreads is 0 or < -1)
            {
                return CliFailure.Usage("sizes need at least 10 rows; --dims, --queries, --ef-* must be positive, --m at least 2 and --build-threads −1 or at least 1");
            }

            var rows = new List<VectorsBenchRow>();
            double bandwidth = 0;
            string? peerFolder = null;
            string? peerSkipped = null;
            AnsiConsole.Status().Start("Measuring copy bandwidth…", ctx =>
            {
                bandwidth = MeasureCopyBandwidth();
                if (settings.Peer)
                {
                    peerFolder = FindPeerFolder();
                    peerSkipped = peerFolder is null ? "bench/node not found beside AgentRec.sln" : PreparePeer(peerFolder);
                    if (peerSkipped is not null)
                    {
                        peerFolder = null;
                    }
                }

                foreach (var size in settings.Sizes)
                {
                    var row = Run(settings, size, bandwidth, peerFolder, s => ctx.Status(Markup.Escape(s)));
                    rows.Add(peerSkipped is not null && row.Peer is null ? row with { PeerSkipped = peerSkipped } : row);
                    GC.Collect();
                }
            });

            var table = new Table().AddColumns(
                "size", "exact q/s", "exact p50 ms", "exact+filter p50 ms", "scan GB/s", "% of copy BW", "two-pass q/s", "two-pass p50 ms",
                "HNSW build s", "HNSW q/s", "HNSW recall@10", "HNSW+filter recall@10", "HNSW MB", "peer build s", "peer q/s", "peer recall@10");
            foreach (var r in rows)
            {
                table.AddRow(
                    r.Size.ToString("N0", CultureInfo.InvariantCulture), Format(r.ExactQps, "F0"), Format(r.ExactP50Ms, "F3"), Format(r.ExactFilteredP50Ms, "F3"),
                    Format(r.ExactBytesPerSecond / 1e9), Format(100 * r.ExactFractionOfCopyBandwidth, "F0"), Opt(r.TwoPassQps, "F0"), Opt(r.TwoPassP50Ms, "F3"),
                    Opt(r.HnswBuildSeconds, "F1"), Opt(r.HnswQps, "F0"), Opt(r.HnswRecallAt10, "F3"), Opt(r.HnswFilteredRecallAt10, "F3"),
                    Opt(r.HnswBytes / 1e6, "F0"), Opt(r.Peer?.BuildSeconds, "F1"), Opt(r.Peer?.QueriesPerSecond, "F0"), Opt(r.Peer?.RecallAt10, "F3"));
            }

            AnsiConsole.Write(table);
            if (settings.EfSearches.Length > 1)
            {
                var curve = new Table().AddColumns("size", "efSearch", "HNSW q/s", "HNSW p50 ms", "HNSW recall@10", "peer q/s", "peer p50 ms", "peer recall@10");
                foreach (var (r, point, peer) in CurveRows(rows))
                {
                    curve.AddRow(r.Size.ToString("N0", CultureInfo.InvariantCulture), point.EfSearch.ToString(CultureInfo.InvariantCulture),
                        Format(point.QueriesPerSecond, "F0"), Format(point.P50Ms, "F3"), Format(point.RecallAt10, "F3"),
                        Opt(peer?.QueriesPerSecond, "F0"), Opt(peer?.P50Ms, "F3"), Opt(peer?.RecallAt10, "F3"));
                }

                AnsiConsole.Write(curve);
            }

            foreach (var r in rows.Where(r => r.Calibration is not null))
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"{r.Size:N0}: calibrated efSearch {r.Calibration!.EfSearch} (recall {r.Calibration.Recall:F3} on the index's own vectors, {100 * r.Calibration.ScannedFraction:F1} % compared per query) → bench queries recall {r.Calibrated!.RecallAt10:F3}, {r.Calibrated.QueriesPerSecond:F0} q/s, p50 {r.Calibrated.P50Ms:F3} ms");
            }

            AnsiConsole.MarkupLineInterpolated($"copy bandwidth {bandwidth / 1e9:F2} GB/s on {Environment.ProcessorCount} cores; peer: {peerSkipped ?? "hnswlib-node"}");
            var summary = new
            {
                cores = Environment.ProcessorCount,
                copyBandwidthBytesPerSecond = bandwidth,
                settings = new { distribution = settings.Clustered ? "clustered" : "uniform", settings.Dims, settings.Queries, settings.M, settings.EfConstruction, settings.EfSearches, settings.Seed },
                peer = peerSkipped is null ? "hnswlib-node" : $"skipped: {peerSkipped}",
                sizes = rows,
            };
            var json = JsonSerializer.Serialize(summary, Json);
            if (parse.GetValue(output) is { } file)
            {
                Directory.CreateDirectory(file.DirectoryName!);
                File.WriteAllText(file.FullName, Markdown(rows, settings, bandwidth, peerSkipped, json));
            }

            Console.Out.WriteLine(json);
            return 0;
        });
        return command;
    }

    private static int[] ParseList(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))];

    private static IEnumerable<(VectorsBenchRow Row, AnnCurvePoint Point, AnnCurvePoint? Peer)> CurveRows(List<VectorsBenchRow> rows) =>
        from r in rows
        from point in r.HnswCurve ?? []
        select (r, point, r.Peer?.Curve?.FirstOrDefault(p => p.EfSearch == point.EfSearch));

    private static string Opt(double? value, string format) => value is { } v ? Format(v, format) : "-";

    private static string Markdown(List<VectorsBenchRow> rows, VectorsBenchSettings settings, double bandwidth, string? peerSkipped, string json)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Measured by `agentrec bench vectors` on {Environment.ProcessorCount} cores, {(settings.Clustered ? "clustered" : "uniform")} unit vectors, {settings.Dims} dims, {settings.Queries} queries, k = 10, M = {settings.M}, efConstruction = {settings.EfConstruction}, efSearch = {settings.EfSearch()}, HNSW build threads {(settings.BuildThreads == -1 ? Environment.ProcessorCount : settings.BuildThreads)}; copy bandwidth {bandwidth / 1e9:F2} GB/s; peer: {peerSkipped ?? "hnswlib-node"}.");
        md.AppendLine();
        md.AppendLine("| size | exact q/s | exact p50 ms | exact+filter p50 ms | scan GB/s | % of copy BW | two-pass q/s | two-pass p50 ms | HNSW build s | HNSW q/s (1 thread) | HNSW p50 ms | HNSW recall@10 | HNSW+filter recall@10 | HNSW MB | peer build s | peer q/s | peer recall@10 |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Size:N0} | {r.ExactQps:F0} | {r.ExactP50Ms:F3} | {r.ExactFilteredP50Ms:F3} | {r.ExactBytesPerSecond / 1e9:F2} | {100 * r.ExactFractionOfCopyBandwidth:F0} | {Opt(r.TwoPassQps, "F0")} | {Opt(r.TwoPassP50Ms, "F3")} | {Opt(r.HnswBuildSeconds, "F1")} | {Opt(r.HnswQps, "F0")} | {Opt(r.HnswP50Ms, "F3")} | {Opt(r.HnswRecallAt10, "F3")} | {Opt(r.HnswFilteredRecallAt10, "F3")} | {Opt(r.HnswBytes / 1e6, "F0")} | {Opt(r.Peer?.BuildSeconds, "F1")} | {Opt(r.Peer?.QueriesPerSecond, "F0")} | {Opt(r.Peer?.RecallAt10, "F3")} |");
        }

        if (settings.EfSearches.Length > 1)
        {
            md.AppendLine();
            md.AppendLine("Recall against throughput as efSearch grows (single-threaded queries, same vectors and queries for both):");
            md.AppendLine();
            md.AppendLine("| size | efSearch | HNSW q/s | HNSW p50 ms | HNSW recall@10 | peer q/s | peer p50 ms | peer recall@10 |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (r, point, peer) in CurveRows(rows))
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Size:N0} | {point.EfSearch} | {point.QueriesPerSecond:F0} | {point.P50Ms:F3} | {point.RecallAt10:F3} | {Opt(peer?.QueriesPerSecond, "F0")} | {Opt(peer?.P50Ms, "F3")} | {Opt(peer?.RecallAt10, "F3")} |");
            }
        }

        foreach (var r in rows.Where(r => r.Calibration is not null))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Calibrated to recall@10 {settings.TargetRecall:F2} at {r.Size:N0}: efSearch {r.Calibration!.EfSearch} (recall {r.Calibration.Recall:F3} on {r.Calibration.Queries} of the index's own vectors, held out of the walk; {100 * r.Calibration.ScannedFraction:F1} % of the vectors compared per query); the bench queries at that width: recall@10 {r.Calibrated!.RecallAt10:F3}, {r.Calibrated.QueriesPerSecond:F0} q/s, p50 {r.Calibrated.P50Ms:F3} ms.");
        }

        md.AppendLine();
        md.AppendLine("```json");
        md.AppendLine(json);
        md.AppendLine("```");
        return md.ToString();
    }
}
