using System.Numerics.Tensors;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>What <c>agentrec bench vectors</c> measures for one collection size.</summary>
internal sealed record VectorsBenchRow
{
    public required int Size { get; init; }
    public required int Dims { get; init; }
    public required double ExactQps { get; init; }
    public required double ExactP50Ms { get; init; }
    public required double ExactFilteredQps { get; init; }
    public required double ExactFilteredP50Ms { get; init; }
    public required double ExactBytesPerSecond { get; init; }
    public required double ExactFractionOfCopyBandwidth { get; init; }
    public double? TwoPassQps { get; init; }
    public double? TwoPassP50Ms { get; init; }
    public required long MatrixBytes { get; init; }
    public double? HnswBuildSeconds { get; init; }
    public double? HnswQps { get; init; }
    public double? HnswP50Ms { get; init; }
    public double? HnswRecallAt10 { get; init; }
    public double? HnswFilteredQps { get; init; }
    public double? HnswFilteredRecallAt10 { get; init; }
    public long? HnswBytes { get; init; }
    public string? HnswSkipped { get; init; }
    public IReadOnlyList<AnnCurvePoint>? HnswCurve { get; init; }
    public HnswCalibration? Calibration { get; init; }
    public AnnCurvePoint? Calibrated { get; init; }
    public VectorsPeerResult? Peer { get; init; }
    public string? PeerSkipped { get; init; }
}

/// <summary>The peer library's figures on the same vectors and queries.</summary>
internal sealed record VectorsPeerResult(string Library, double BuildSeconds, double QueriesPerSecond, double RecallAt10)
{
    public IReadOnlyList<AnnCurvePoint>? Curve { get; init; }
}

/// <summary>Search throughput and recall at one candidate list width.</summary>
internal sealed record AnnCurvePoint(int EfSearch, double QueriesPerSecond, double P50Ms, double RecallAt10);

/// <summary>Settings of one bench run.</summary>
internal sealed record VectorsBenchSettings(
    int[] Sizes, int Dims, int Queries, int M, int EfConstruction, int[] EfSearches, int AnnMaxSize, bool Peer, int PeerTimeoutSeconds, int Seed, bool Clustered, double TargetRecall, int BuildThreads = -1);

/// <summary>
/// Measures exact and HNSW vector search on seeded random unit vectors: throughput, median latency, recall@10 against
/// exact, build time and memory, against the machine's memory copy bandwidth and, when node is present, hnswlib-node.
/// </summary>
internal static class VectorsBenchRunner
{
    /// <summary>The first width is the one reported in the main columns; the rest draw the recall/throughput curve.</summary>
    public static int EfSearch(this VectorsBenchSettings settings) => settings.EfSearches[0];

    private const int K = 10;

    public static double MeasureCopyBandwidth()
    {
        // Buffers far larger than any cache: each core copies its own slice; best of three runs.
        const int bytes = 256 << 20;
        var source = GC.AllocateUninitializedArray<byte>(bytes);
        var target = GC.AllocateUninitializedArray<byte>(bytes);
        Random.Shared.NextBytes(source.AsSpan(0, 4096));
        source.AsSpan().Fill(7);
        var parts = Environment.ProcessorCount;
        var best = 0.0;
        for (var run = 0; run < 4; run++)
        {
            var watch = Stopwatch.StartNew();
            Parallel.For(0, parts, p =>
            {
                var from = (int)((long)bytes * p / parts);
                var to = (int)((long)bytes * (p + 1) / parts);
                source.AsSpan(from, to - from).CopyTo(target.AsSpan(from, to - from));
            });
            var rate = bytes / watch.Elapsed.TotalSeconds;
            if (run > 0)
            {
                best = Math.Max(best, rate);
            }
        }

        GC.KeepAlive(target);
        return best;
    }

    public static VectorsBenchRow Run(VectorsBenchSettings settings, int size, double copyBandwidth, string? peerFolder, Action<string> progress)
    {
        var dims = settings.Dims;
        progress($"{size:N0}×{dims}: generating vectors");
        float[] vectors, queries;
        if (settings.Clustered)
        {
            var centres = UnitVectors(Math.Max(1, (int)Math.Sqrt(size)), dims, settings.Seed + 2);
            vectors = Clustered(centres, size, dims, settings.Seed);
            queries = Clustered(centres, settings.Queries, dims, settings.Seed + 1);
        }
        else
        {
            vectors = UnitVectors(size, dims, settings.Seed);
            queries = UnitVectors(settings.Queries, dims, settings.Seed + 1);
        }

        var matrix = new VectorMatrix(dims, size);
        for (var i = 0; i < size; i++)
        {
            matrix.Add(vectors.AsSpan(i * dims, dims));
        }

        static bool Filter(int row) => row % 4 == 0;
        progress($"{size:N0}×{dims}: exact search");
        var truth = new int[settings.Queries][];
        var filteredTruth = new int[settings.Queries][];
        // Every row in floats first: the scan the copy bandwidth bounds, and the ground truth.
        matrix.QuantizedScan = false;
        var (exactQps, exactP50) = Time(settings.Queries, q => truth[q] = [.. matrix.Search(Query(queries, q, dims), K).Select(h => h.Row)]);
        var (filteredQps, filteredP50) = Time(settings.Queries, q => filteredTruth[q] = [.. matrix.Search(Query(queries, q, dims), K, Filter).Select(h => h.Row)]);
        matrix.QuantizedScan = true;
        (double Qps, double P50Ms)? twoPass = null;
        if (matrix.Quantized)
        {
            progress($"{size:N0}×{dims}: exact search, two-pass (8-bit, then floats)");
            var mismatches = 0;
            twoPass = Time(settings.Queries, q =>
            {
                if (!matrix.Search(Query(queries, q, dims), K).Select(h => h.Row).SequenceEqual(truth[q]))
                {
                    mismatches++;
                }
            });
            if (mismatches > 0)
            {
                throw new InvalidOperationException($"The two-pass scan differed from the float scan on {mismatches} of {settings.Queries} queries.");
            }
        }

        var bytesPerSecond = exactQps * size * (double)dims * sizeof(float);
        var row = new VectorsBenchRow
        {
            Size = size,
            Dims = dims,
            ExactQps = exactQps,
            ExactP50Ms = exactP50,
            ExactFilteredQps = filteredQps,
            ExactFilteredP50Ms = filteredP50,
            ExactBytesPerSecond = bytesPerSecond,
            ExactFractionOfCopyBandwidth = bytesPerSecond / copyBandwidth,
            TwoPassQps = twoPass?.Qps,
            TwoPassP50Ms = twoPass?.P50Ms,
            MatrixBytes = (long)size * dims * sizeof(float),
        };

        if (size > settings.AnnMaxSize)
        {
            return row with { HnswSkipped = $"size above --ann-max-size {settings.AnnMaxSize}", PeerSkipped = "HNSW skipped" };
        }

        progress($"{size:N0}×{dims}: building HNSW on {(settings.BuildThreads == -1 ? Environment.ProcessorCount : settings.BuildThreads)} thread(s)");
        var parameters = new HnswParameters { M = settings.M, EfConstruction = settings.EfConstruction, EfSearch = settings.EfSearch() };
        // The graph's levels get a seed of their own: drawn from the seed that also picked each clustered vector's
        // centre, level i and centre i would come from the same draw, and the upper layers would hold a few clusters only
        // (recall@10 at 50k, efSearch 10: 0.770 correlated, 0.808 independent, hnswlib-node 0.806).
        var index = new HnswIndex(dims, parameters, new Random(unchecked((settings.Seed * 7919) + 104_729)), size);
        var build = Stopwatch.StartNew();
        index.AddRange(vectors, settings.BuildThreads);
        var buildSeconds = build.Elapsed.TotalSeconds;

        progress($"{size:N0}×{dims}: HNSW search");
        var found = new (int Id, float Score)[settings.Queries][];
        var filteredFound = new (int Id, float Score)[settings.Queries][];

        // Throughput, median latency and recall@10 of the searches at one width (null: the index's own), reported as efSearch.
        AnnCurvePoint SearchAt(int reported, int? efSearch)
        {
            var (qps, p50) = Time(settings.Queries, q => found[q] = index.Search(Query(queries, q, dims), K, efSearch: efSearch));
            return new AnnCurvePoint(reported, qps, p50, Recall(found, truth));
        }

        var hnsw = SearchAt(settings.EfSearch(), null);
        var (hnswFilteredQps, _) = Time(settings.Queries, q => filteredFound[q] = index.Search(Query(queries, q, dims), K, Filter));
        var filteredRecall = Recall(filteredFound, filteredTruth);
        var curve = new List<AnnCurvePoint>();
        foreach (var ef in settings.EfSearches)
        {
            progress($"{size:N0}×{dims}: HNSW search at efSearch {ef}");
            curve.Add(SearchAt(ef, ef));
        }

        HnswCalibration? calibration = null;
        AnnCurvePoint? calibrated = null;
        if (settings.TargetRecall > 0)
        {
            progress($"{size:N0}×{dims}: calibrating efSearch to recall {settings.TargetRecall:F2}");
            calibration = index.CalibrateEfSearch(settings.TargetRecall, K, 200, maxEfSearch: 16_384, seed: settings.Seed);
            calibrated = SearchAt(calibration.EfSearch, null);
        }

        row = row with
        {
            Calibration = calibration,
            Calibrated = calibrated,
            HnswCurve = curve,
            HnswBuildSeconds = buildSeconds,
            HnswQps = hnsw.QueriesPerSecond,
            HnswP50Ms = hnsw.P50Ms,
            HnswRecallAt10 = hnsw.RecallAt10,
            HnswFilteredQps = hnswFilteredQps,
            HnswFilteredRecallAt10 = filteredRecall,
            HnswBytes = index.MemoryBytes,
        };

        if (!settings.Peer)
        {
            return row with { PeerSkipped = "--no-peer" };
        }

        if (peerFolder is null)
        {
            return row with { PeerSkipped = "bench/node not found beside AgentRec.sln" };
        }

        progress($"{size:N0}×{dims}: hnswlib-node (single thread build)");
        var (peer, reason) = RunPeer(peerFolder, settings, vectors, queries, truth, size);
        return row with { Peer = peer, PeerSkipped = reason };
    }

    /// <summary>The bench/node folder of the repository the command runs in, or null.</summary>
    public static string? FindPeerFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AgentRec.sln")))
                {
                    var folder = Path.Combine(dir.FullName, "bench", "node");
                    return File.Exists(Path.Combine(folder, "package.json")) ? folder : null;
                }
            }
        }

        return null;
    }

    /// <summary>Runs <c>npm ci</c> when needed; null when node or npm is missing or install fails, with the reason.</summary>
    public static string? PreparePeer(string folder)
    {
        if (Execute("node", "--version", folder, 30, out _) is not 0)
        {
            return "node is not installed";
        }

        if (File.Exists(Path.Combine(folder, "node_modules", "hnswlib-node", "package.json")))
        {
            return null;
        }

        return Execute("npm", "ci --no-audit --no-fund", folder, 600, out var output) is 0
            ? null
            : $"npm ci failed in {folder}: {LastLine(output)}";
    }

    private static (VectorsPeerResult? Result, string? Skipped) RunPeer(
        string folder, VectorsBenchSettings settings, float[] vectors, float[] queries, int[][] truth, int size)
    {
        var file = Path.Combine(Path.GetTempPath(), $"agentrec-vectors-{Environment.ProcessId}-{size}.bin");
        try
        {
            using (var stream = new BinaryWriter(File.Create(file)))
            {
                foreach (var value in new[] { size, settings.Dims, settings.Queries, K, settings.M, settings.EfConstruction, settings.EfSearches.Length })
                {
                    stream.Write(value);
                }

                foreach (var ef in settings.EfSearches)
                {
                    stream.Write(ef);
                }

                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors.AsSpan()));
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(queries.AsSpan()));
                foreach (var ids in truth)
                {
                    foreach (var id in ids)
                    {
                        stream.Write(id);
                    }
                }
            }

            var code = Execute("node", $"peer.js \"{file}\"", folder, settings.PeerTimeoutSeconds, out var output);
            if (code != 0)
            {
                return (null, code == -1 ? $"hnswlib-node ran past {settings.PeerTimeoutSeconds} s" : $"node peer.js failed: {LastLine(output)}");
            }

            using var json = JsonDocument.Parse(LastLine(output));
            var r = json.RootElement;
            return (new VectorsPeerResult(
                r.GetProperty("library").GetString() ?? "hnswlib-node",
                r.GetProperty("buildSeconds").GetDouble(),
                r.GetProperty("queriesPerSecond").GetDouble(),
                r.GetProperty("recallAt10").GetDouble())
            {
                Curve = [.. r.GetProperty("curve").EnumerateArray().Select(p => new AnnCurvePoint(
                    p.GetProperty("efSearch").GetInt32(), p.GetProperty("queriesPerSecond").GetDouble(), p.GetProperty("p50Ms").GetDouble(), p.GetProperty("recallAt10").GetDouble()))],
            }, null);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static int Execute(string program, string arguments, string folder, int timeoutSeconds, out string output)
    {
        try
        {
            var info = new ProcessStartInfo(program, arguments)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
            {
                process.Kill(entireProcessTree: true);
                output = "";
                return -1;
            }

            output = stdout.Result + stderr.Result;
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            output = ex.Message;
            return -2;
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    /// <summary>Recall@K of every query's hits against its exact top K.</summary>
    private static double Recall((int Id, float Score)[][] found, int[][] truth)
    {
        var hits = 0;
        for (var q = 0; q < found.Length; q++)
        {
            hits += Overlap(found[q], truth[q]);
        }

        return hits / (double)(found.Length * K);
    }

    private static int Overlap((int Id, float Score)[] hits, int[] truth)
    {
        var n = 0;
        foreach (var (id, _) in hits)
        {
            n += Array.IndexOf(truth, id) >= 0 ? 1 : 0;
        }

        return n;
    }

    private static ReadOnlySpan<float> Query(float[] queries, int q, int dims) => queries.AsSpan(q * dims, dims);

    /// <summary>Runs every query once to warm up, then once timed each: queries per second and median latency in ms.</summary>
    private static (double Qps, double P50Ms) Time(int queries, Action<int> run)
    {
        for (var q = 0; q < Math.Min(queries, 20); q++)
        {
            run(q);
        }

        var latencies = new double[queries];
        var total = Stopwatch.StartNew();
        for (var q = 0; q < queries; q++)
        {
            var start = Stopwatch.GetTimestamp();
            run(q);
            latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var seconds = total.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (queries / seconds, latencies[queries / 2]);
    }

    /// <summary>Seeded random directions: Gaussian-like components (sum of three uniforms), normalised.</summary>
    private static float[] UnitVectors(int count, int dims, int seed)
    {
        var random = new Random(seed);
        var data = GC.AllocateUninitializedArray<float>(count * dims);
        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * dims, dims);
            for (var d = 0; d < dims; d++)
            {
                row[d] = random.NextSingle() + random.NextSingle() + random.NextSingle() - 1.5f;
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return data;
    }

    /// <summary>
    /// Unit vectors around <paramref name="centres"/> (noise of the same scale as the centre): a catalog-like spread
    /// with structure at lower intrinsic dimension than uniform directions.
    /// </summary>
    private static float[] Clustered(float[] centres, int count, int dims, int seed)
    {
        var random = new Random(seed);
        var clusters = centres.Length / dims;
        var data = UnitVectors(count, dims, seed + 3);
        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * dims, dims);
            var centre = centres.AsSpan(random.Next(clusters) * dims, dims);
            TensorPrimitives.MultiplyAdd(centre, 1.5f, row, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return data;
    }

    public static string Format(double value, string format = "F2") => value.ToString(format, CultureInfo.InvariantCulture);
}
