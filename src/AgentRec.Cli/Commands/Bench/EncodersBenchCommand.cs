using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Onnx;
using AgentRec.Core.Ranking;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// <c>agentrec bench encoders</c>: texts/s of <see cref="OnnxTextEncoder"/> and pairs/s of <see cref="OnnxCrossEncoder"/> on
/// MiniLM-L6-H384-shaped models at batch 1/8/32, in rounds alternating with onnxruntime-node on the same model files, and
/// against the CPU's measured FMA rate.
/// </summary>
internal static class EncodersBenchCommand
{
    private static readonly int[] BatchSizes = [1, 8, 32];

    /// <summary>Queries of the cross-encoder's pairs, a few words each as users type them.</summary>
    private static readonly string[] Queries =
    [
        "heist movie in los angeles", "time travel science fiction", "animated films for children", "slow burn atmospheric horror",
        "classic romance in black and white", "mind-bending thriller with a twist",
    ];

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per model, batch size and runtime.", DefaultValueFactory = _ => 5 };
        var roundSeconds = new Option<double>("--round-seconds") { Description = "Length of one round; the runtimes alternate round by round.", DefaultValueFactory = _ => 1 };
        var vocab = new Option<FileInfo?>("--vocab") { Description = "WordPiece vocab.txt. Default: shared/models/tokenizers/bert-uncased-wordpiece/vocab.txt." };
        var provider = new Option<string>("--provider") { Description = "ONNX Runtime execution provider of both models: cpu, or cuda (the GPU build).", DefaultValueFactory = _ => OnnxExecutionProviders.Cpu };
        provider.AcceptOnlyFromAmong(OnnxExecutionProviders.Cpu, OnnxExecutionProviders.Cuda);
        var noPeer = new Option<bool>("--no-peer") { Description = "Skip the onnxruntime-node comparison." };
        var output = E2eBenchCommand.OutOption();
        var command = new Command("encoders", "Text encoder (texts/s) and cross-encoder (pairs/s) throughput at batch 1, 8 and 32, compared with onnxruntime-node and the CPU's peak FMA rate.")
        {
            seconds, roundSeconds, vocab, provider, noPeer, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var vocabPath = parse.GetValue(vocab)?.FullName ?? DataPaths.FindShared(Path.Combine("models", "tokenizers", "bert-uncased-wordpiece", "vocab.txt"));
            if (vocabPath is null || !File.Exists(vocabPath))
            {
                return CliFailure.Usage("no WordPiece vocabulary: pass --vocab FILE (shared/models/tokenizers/bert-uncased-wordpiece/vocab.txt was not found)");
            }

            var s = parse.GetValue(seconds);
            if (s is <= 0 or > 600 || double.IsNaN(s))
            {
                return CliFailure.Usage("--seconds must be between 0 and 600");
            }

            var round = parse.GetValue(roundSeconds);
            if (round is <= 0 or > 60 || double.IsNaN(round) || round > s)
            {
                return CliFailure.Usage("--round-seconds must be positive, at most 60 and at most --seconds");
            }

            try
            {
                return await RunAsync(vocabPath, s, round, parse.GetValue(provider)!, parse.GetValue(noPeer), parse.GetValue(output), ct);
            }
            catch (InvalidOperationException e) when (e.InnerException is not null && parse.GetValue(provider) == OnnxExecutionProviders.Cuda)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 3;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string vocabPath, double seconds, double roundSeconds, string provider, bool noPeer, FileInfo? output, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-bench-encoder-").FullName;
        try
        {
            var vocabSize = File.ReadLines(vocabPath).Count();
            var config = BertEncoderConfig.MiniLmL6H384(vocabSize);
            var encoderPath = Path.Combine(folder, "encoder.onnx");
            var crossFolder = Directory.CreateDirectory(Path.Combine(folder, "cross-encoder")).FullName;
            AnsiConsole.MarkupLine("[grey]writing a MiniLM-L6-H384-shaped encoder and cross-encoder with seeded random weights…[/]");
            BertOnnxBuilder.BuildRandom(config, encoderPath);
            BertOnnxBuilder.BuildRandomClassifier(config, Path.Combine(crossFolder, OnnxCrossEncoder.ModelFileName), labels: 1);
            File.Copy(vocabPath, Path.Combine(crossFolder, OnnxCrossEncoder.VocabFileName));
            var (texts, textSource) = BenchTexts(256);
            var rounds = Math.Max(2, (int)Math.Round(seconds / roundSeconds));
            var plan = new RoundPlan(rounds, roundSeconds);

            var (peer, nodeNote) = noPeer ? (null, "onnxruntime-node not measured (--no-peer)") : await NodeOrtPeer.StartAsync(ct);
            var rows = new List<Row>();
            double tokenizeMicros = double.NaN, pairMicros = double.NaN;
            try
            {
                foreach (var b in BatchSizes)
                {
                    using var encoder = OnnxTextEncoder.Create(encoderPath, vocabPath, new OnnxTextEncoderOptions { BatchSize = b, ExecutionProvider = provider });
                    var groups = new List<string[]>();
                    for (var i = 0; i + b <= texts.Length; i += b)
                    {
                        groups.Add(texts[i..(i + b)]);
                    }

                    var ids = new JsonArray();
                    var tokens = 0L;
                    var rowsSeen = 0;
                    var padding = new Padding();
                    foreach (var g in groups)
                    {
                        var group = new JsonArray();
                        var lengths = new int[g.Length];
                        for (var j = 0; j < g.Length; j++)
                        {
                            var row = encoder.Tokenize(g[j]);
                            tokens += row.Length;
                            lengths[j] = row.Length;
                            rowsSeen++;
                            group.Add(IdsJson(row));
                        }

                        padding.Add(lengths, b);
                        ids.Add(group);
                    }

                    var g0 = 0;
                    int RunNext()
                    {
                        var batch = groups[g0++ % groups.Count];
                        encoder.Encode(batch, ct);
                        return batch.Length;
                    }

                    AnsiConsole.MarkupLineInterpolated($"[grey]encoder, batch {b}: OnnxTextEncoder and onnxruntime-node, {rounds} alternating rounds of {roundSeconds:F1} s…[/]");
                    rows.Add(await MeasureAsync("encoder", b, (double)tokens / rowsSeen, RunNext, peer, encoderPath, ids, null, plan, ct) with { Padded = padding.PerItem });
                    if (double.IsNaN(tokenizeMicros))
                    {
                        // After the rounds, when the tokenizer's code has reached its optimised JIT tier.
                        tokenizeMicros = MicrosecondsPerItem(texts, t => encoder.Tokenize(t).Length);
                    }
                }

                foreach (var b in BatchSizes)
                {
                    using var cross = OnnxCrossEncoder.Open(crossFolder, new CrossEncoderOptions { BatchSize = b, ExecutionProvider = provider });
                    var groups = new List<(string Query, string[] Texts)>();
                    for (var i = 0; i + b <= texts.Length; i += b)
                    {
                        groups.Add((Queries[groups.Count % Queries.Length], texts[i..(i + b)]));
                    }

                    var ids = new JsonArray();
                    var types = new JsonArray();
                    var tokens = 0L;
                    var rowsSeen = 0;
                    var padding = new Padding();
                    foreach (var (query, g) in groups)
                    {
                        var idGroup = new JsonArray();
                        var typeGroup = new JsonArray();
                        var lengths = new int[g.Length];
                        for (var j = 0; j < g.Length; j++)
                        {
                            var (rowIds, rowTypes) = cross.EncodePair(query, g[j]);
                            tokens += rowIds.Length;
                            lengths[j] = rowIds.Length;
                            rowsSeen++;
                            idGroup.Add(IdsJson(rowIds));
                            typeGroup.Add(IdsJson(rowTypes));
                        }

                        padding.Add(lengths, b);
                        ids.Add(idGroup);
                        types.Add(typeGroup);
                    }

                    var g0 = 0;
                    int RunNext()
                    {
                        var (query, batch) = groups[g0++ % groups.Count];
                        cross.ScorePairs(query, batch, ct);
                        return batch.Length;
                    }

                    AnsiConsole.MarkupLineInterpolated($"[grey]cross-encoder, batch {b}: OnnxCrossEncoder and onnxruntime-node, {rounds} alternating rounds of {roundSeconds:F1} s…[/]");
                    rows.Add(await MeasureAsync("cross-encoder", b, (double)tokens / rowsSeen, RunNext, peer, Path.Combine(crossFolder, OnnxCrossEncoder.ModelFileName), ids, types, plan, ct) with { Padded = padding.PerItem });
                    if (double.IsNaN(pairMicros))
                    {
                        pairMicros = MicrosecondsPerItem(texts, t => cross.EncodePair(Queries[0], t).Ids.Length);
                    }
                }
            }
            finally
            {
                if (peer is not null)
                {
                    await peer.DisposeAsync();
                }
            }

            AnsiConsole.MarkupLine("[grey]the CPU's FMA rate…[/]");
            var peak = PeakFlops.Measure(TimeSpan.FromSeconds(Math.Min(seconds, 3)), 1);
            Report(rows, config, plan, textSource, nodeNote, peak, provider, (tokenizeMicros, pairMicros), output);
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still mapped by a closing session; the temp folder is reclaimed by the OS.
            }
        }
    }

    /// <summary>Single-threaded microseconds per call of <paramref name="tokenize"/> over <paramref name="texts"/>, after a warm-up pass.</summary>
    private static double MicrosecondsPerItem(string[] texts, Func<string, int> tokenize)
    {
        var sink = 0;
        var calls = 0;
        var started = Stopwatch.GetTimestamp();
        for (var pass = 0; pass < 20 || Stopwatch.GetElapsedTime(started).TotalSeconds < 0.5; pass++)
        {
            if (pass == 1)
            {
                calls = 0;
                started = Stopwatch.GetTimestamp();
            }

            foreach (var t in texts)
            {
                sink += tokenize(t);
                calls++;
            }
        }

        GC.KeepAlive(sink);
        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
    }

    private static JsonArray IdsJson(int[] ids)
    {
        var array = new JsonArray();
        foreach (var id in ids)
        {
            array.Add(id);
        }

        return array;
    }

    /// <summary>
    /// Warms both sides up for a round, then runs them in alternating rounds (AB, BA, AB, …) so that a change in the machine's load
    /// falls on both; the ratio is the median of the rounds' ratios.
    /// </summary>
    private static async Task<Row> MeasureAsync(
        string model, int batch, double tokens, Func<int> runNext, NodeOrtPeer? peer, string modelPath, JsonArray ids, JsonArray? types,
        RoundPlan plan, CancellationToken ct)
    {
        // One unmeasured round per side first: the JIT's optimising tier, the tokenizer's first use and the runtimes'
        // arenas would otherwise fall into the first measured round.
        var name = $"{model}-{batch}";
        Round(runNext, plan.RoundSeconds, ct);
        if (peer is not null)
        {
            await peer.LoadAsync(name, modelPath, ids, types, ct);
            await peer.RunAsync(name, plan.RoundSeconds, ct);
        }

        var ours = new (int Items, double Seconds, double CpuSeconds)[plan.Rounds];
        var theirs = new (int Items, double Seconds, double CpuSeconds)[plan.Rounds];
        long allocated = 0, bytes;
        for (var r = 0; r < plan.Rounds; r++)
        {
            if (r % 2 == 0 || peer is null)
            {
                ours[r] = Round(runNext, plan.RoundSeconds, out bytes, ct);
                theirs[r] = peer is null ? (0, double.NaN, double.NaN) : await peer.RunAsync(name, plan.RoundSeconds, ct);
            }
            else
            {
                theirs[r] = await peer.RunAsync(name, plan.RoundSeconds, ct);
                ours[r] = Round(runNext, plan.RoundSeconds, out bytes, ct);
            }

            allocated += bytes;
        }

        var items = 0L;
        foreach (var o in ours)
        {
            items += o.Items;
        }

        var ratios = new double[plan.Rounds];
        for (var r = 0; r < plan.Rounds; r++)
        {
            ratios[r] = (ours[r].Items / ours[r].Seconds) / (theirs[r].Items / theirs[r].Seconds);
        }

        return new Row(model, batch, tokens, Totals(ours), Totals(theirs), ratios, (double)allocated / items);
    }

    private static (int Items, double Seconds, double CpuSeconds) Round(Func<int> runNext, double seconds, CancellationToken ct) =>
        Round(runNext, seconds, out _, ct);

    private static (int Items, double Seconds, double CpuSeconds) Round(Func<int> runNext, double seconds, out long allocated, CancellationToken ct)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var items = 0;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            ct.ThrowIfCancellationRequested();
            items += runNext();
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
        return (items, Stopwatch.GetElapsedTime(started).TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    private static (double PerSecond, double PerCpuSecond) Totals((int Items, double Seconds, double CpuSeconds)[] rounds)
    {
        double items = 0, wall = 0, cpu = 0;
        foreach (var (i, s, c) in rounds)
        {
            items += i;
            wall += s;
            cpu += c;
        }

        return (items / wall, items / cpu);
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static void Report(
        List<Row> rows, BertEncoderConfig config, RoundPlan plan, string textSource, string nodeNote, (double Gflops, double GflopsPerCpuSecond) peak, string provider,
        (double Text, double Pair) tokenizeMicros, FileInfo? output)
    {
        string[] headers = ["model", "batch", "AgentRec items/s", "onnxruntime-node items/s", "ratio (median of rounds)", "round ratios (min–max)",
            "AgentRec items per CPU-s", "node items per CPU-s", "tokens computed per item (AgentRec / node)", "AgentRec GFLOP per CPU-s", "% of one core's FMA peak",
            "AgentRec bytes allocated per item"];
        var cells = new List<IReadOnlyList<string>>();
        var json = new JsonObject();
        foreach (var row in rows)
        {
            var flops = PeakFlops.BertFlopsPerText(config.Layers, config.HiddenSize, config.IntermediateSize, row.Tokens);
            var gflops = row.Ours.PerCpuSecond * flops / 1e9;
            var median = Median(row.Ratios);
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var r in row.Ratios)
            {
                min = Math.Min(min, r);
                max = Math.Max(max, r);
            }

            cells.Add([row.Model, row.Batch.ToString(CultureInfo.InvariantCulture), BenchReport.F(row.Ours.PerSecond), BenchReport.F(row.Node.PerSecond),
                BenchReport.F(median, 2), double.IsNaN(median) ? "–" : $"{BenchReport.F(min, 2)}–{BenchReport.F(max, 2)}",
                BenchReport.F(row.Ours.PerCpuSecond), BenchReport.F(row.Node.PerCpuSecond), $"{BenchReport.F(row.Padded.Ours, 1)} / {BenchReport.F(row.Padded.Node, 1)}", BenchReport.F(gflops), BenchReport.F(100 * gflops / peak.GflopsPerCpuSecond),
                BenchReport.F(row.BytesPerItem, 0)]);
            var modelJson = json[row.Model] as JsonObject ?? new JsonObject();
            json[row.Model] = modelJson;
            var ratios = new JsonArray();
            foreach (var r in row.Ratios)
            {
                ratios.Add(BenchReport.J(r));
            }

            modelJson[row.Batch.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["tokensPerItem"] = BenchReport.J(row.Tokens, 1),
                ["paddedTokensPerItem"] = BenchReport.J(row.Padded.Ours, 1),
                ["nodePaddedTokensPerItem"] = BenchReport.J(row.Padded.Node, 1),
                ["itemsPerSecond"] = BenchReport.J(row.Ours.PerSecond, 1),
                ["nodeItemsPerSecond"] = BenchReport.J(row.Node.PerSecond, 1),
                ["ratioToNode"] = BenchReport.J(median),
                ["roundRatios"] = ratios,
                ["itemsPerCpuSecond"] = BenchReport.J(row.Ours.PerCpuSecond, 1),
                ["nodeItemsPerCpuSecond"] = BenchReport.J(row.Node.PerCpuSecond, 1),
                ["fractionOfPeak"] = BenchReport.J(gflops / peak.GflopsPerCpuSecond, 4),
                ["bytesAllocatedPerItem"] = BenchReport.J(row.BytesPerItem, 0),
            };
        }

        var table = new Table().AddColumns(headers).Title("bench encoders (MiniLM-L6-H384 shape, random weights)").Expand();
        foreach (var cell in cells)
        {
            table.AddRow(cell.ToArray());
        }

        AnsiConsole.Write(table);
        var encoderTokens = rows.Find(r => r.Model == "encoder")?.Tokens ?? double.NaN;
        var crossTokens = rows.Find(r => r.Model == "cross-encoder")?.Tokens ?? double.NaN;
        var notes = $"Items are texts for the encoder (`OnnxTextEncoder.Encode`: tokenisation, padding, ONNX Runtime, mean pooling, L2 normalisation) and " +
            $"(query, text) pairs for the cross-encoder (`OnnxCrossEncoder.ScorePairs`: pair tokenisation, ONNX Runtime, sigmoid), one call per batch; the texts are " +
            $"{textSource}. {nodeNote} runs the same model files on the same token ids in one long-lived process, building its int64 tensors per run as a caller would " +
            $"(no tokenisation), each batch one tensor padded to its longest row; AgentRec splits a call's batch into length-sorted runs where padding would " +
            $"cost more than another run (tokens computed per item counts the padding of each); the two alternate in {plan.Rounds} rounds of {plan.RoundSeconds:F1} s per row (AB, BA, …), and the ratio is the median of the " +
            $"rounds' ratios of items/s. Per CPU-second counts each process's own CPU time (all its threads); bytes allocated are the managed " +
            $"allocations of the calling thread per item (the runtime's native buffers are not counted). " +
            $"{encoderTokens:F1} tokens per text and {crossTokens:F1} per pair on average; tokenisation takes {tokenizeMicros.Text:F1} µs per text and " +
            $"{tokenizeMicros.Pair:F1} µs per pair (one thread, the public `Tokenize` and `EncodePair`); one core's measured FMA peak {peak.GflopsPerCpuSecond:F1} GFLOP per " +
            $"CPU-second (vector FMA loop, {peak.Gflops:F1} GFLOP/s wall on this shared machine)";
        AnsiConsole.MarkupLineInterpolated($"{notes}");
        if (output is not null)
        {
            BenchReport.WriteSection(output.FullName, "encoders",
                $"Machine: {BenchReport.Machine()}; measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n" + BenchReport.Table(headers, cells) + "\n" + notes + ".\n");
        }

        Console.Out.WriteLine(new JsonObject
        {
            ["bench"] = "encoders",
            ["provider"] = provider,
            ["model"] = "MiniLM-L6-H384 shape",
            ["peakGflopsPerCpuSecond"] = BenchReport.J(peak.GflopsPerCpuSecond, 1),
            ["tokenizeMicrosecondsPerText"] = BenchReport.J(tokenizeMicros.Text, 2),
            ["tokenizeMicrosecondsPerPair"] = BenchReport.J(tokenizeMicros.Pair, 2),
            ["rounds"] = plan.Rounds,
            ["roundSeconds"] = plan.RoundSeconds,
            ["nodeNote"] = nodeNote,
            ["texts"] = textSource,
            ["results"] = json,
        }.ToJsonString());
    }

    private sealed record RoundPlan(int Rounds, double RoundSeconds);

    private sealed record Row(
        string Model, int Batch, double Tokens, (double PerSecond, double PerCpuSecond) Ours, (double PerSecond, double PerCpuSecond) Node, double[] Ratios,
        double BytesPerItem)
    {
        /// <summary>Tokens each side computes per item, padding included.</summary>
        public (double Ours, double Node) Padded { get; init; } = (double.NaN, double.NaN);
    }

    /// <summary>
    /// Tokens computed per item with padding: onnxruntime-node runs each batch as one tensor padded to its longest row;
    /// AgentRec splits it into the length-sorted runs of <see cref="PaddedRuns"/>.
    /// </summary>
    private sealed class Padding
    {
        private long _ours;
        private long _node;
        private long _items;

        public (double Ours, double Node) PerItem => _items == 0 ? (double.NaN, double.NaN) : ((double)_ours / _items, (double)_node / _items);

        public void Add(int[] lengths, int batchSize)
        {
            var sorted = (int[])lengths.Clone();
            Array.Sort(sorted);
            _node += (long)sorted.Length * sorted[^1];
            _ours += PaddedRuns.PaddedTokens(sorted, batchSize);
            _items += sorted.Length;
        }
    }

    /// <summary>
    /// The texts the encoders run on: descriptions of items drawn (seeded) from the default catalog, as the service
    /// embeds and reranks them; the built-in catalog-like texts when no catalog data is found.
    /// </summary>
    private static (string[] Texts, string Source) BenchTexts(int count)
    {
        try
        {
            var options = CliOptions.Catalog(new RootCommand().Parse([]), null, null, null, null);
            var catalog = new CatalogLoader(Microsoft.Extensions.Options.Options.Create(options)).Load().Catalog;
            if (catalog.Count >= count)
            {
                var random = new Random(17);
                var texts = new string[count];
                for (var i = 0; i < count; i++)
                {
                    texts[i] = catalog.Items[random.Next(catalog.Count)].Description;
                }

                return (texts, $"descriptions of {count} items drawn from the default catalog ({catalog.Count:N0} items)");
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]no catalog ({ex.Message}); the built-in catalog-like texts are used[/]");
        }

        return (Texts(count), $"{count} built-in catalog-like texts (no catalog data found)");
    }

    /// <summary>Catalog-like texts (title, year, genres, a tag phrase) of realistic length, seeded.</summary>
    private static string[] Texts(int count)
    {
        string[] titles = ["Heat", "The Matrix", "Toy Story", "Blade Runner", "Spirited Away", "The Godfather", "Amelie", "Alien", "Casablanca", "Inception"];
        string[] genres = ["Action|Crime|Thriller", "Sci-Fi|Action", "Animation|Children|Comedy", "Drama|Romance", "Horror|Mystery", "Documentary", "Western|Adventure"];
        string[] tags = ["heist, los angeles, great soundtrack", "time travel, dystopia, philosophical", "friendship, toys, pixar", "atmospheric, visually stunning, slow burn",
            "based on a book, strong female lead", "twist ending, mind-bending, nonlinear", "classic, black and white, world war ii"];
        var random = new Random(17);
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            texts[i] = $"{titles[random.Next(titles.Length)]} ({1950 + random.Next(70)}). Genres: {genres[random.Next(genres.Length)].Replace('|', ' ')}. Tags: {tags[random.Next(tags.Length)]}.";
        }

        return texts;
    }
}
