using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Onnx;
using Spectre.Console;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// <c>agentrec bench encoders</c>: texts/s of <see cref="OnnxTextEncoder"/> on a MiniLM-L6-H384-shaped model at batch
/// 1/8/32, against onnxruntime-node on the same model file and against the CPU's measured FMA rate.
/// </summary>
internal static class EncodersBenchCommand
{
    private static readonly int[] BatchSizes = [1, 8, 32];

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per batch size and runtime.", DefaultValueFactory = _ => 5 };
        var vocab = new Option<FileInfo?>("--vocab") { Description = "WordPiece vocab.txt. Default: shared/models/tokenizers/bert-uncased-wordpiece/vocab.txt." };
        var output = E2eBenchCommand.OutOption();
        var command = new Command("encoders", "Text encoder throughput (texts/s) at batch 1, 8 and 32, compared with onnxruntime-node and the CPU's peak FMA rate.")
        {
            seconds, vocab, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var vocabPath = parse.GetValue(vocab)?.FullName ?? DataPaths.FindShared(Path.Combine("models", "tokenizers", "bert-uncased-wordpiece", "vocab.txt"));
            if (vocabPath is null || !File.Exists(vocabPath))
            {
                AnsiConsole.MarkupLine("[red]error:[/] no WordPiece vocabulary: pass --vocab FILE (shared/models/tokenizers/bert-uncased-wordpiece/vocab.txt was not found)");
                return 2;
            }

            var s = parse.GetValue(seconds);
            if (s is <= 0 or > 600 || double.IsNaN(s))
            {
                AnsiConsole.MarkupLine("[red]error:[/] --seconds must be between 0 and 600");
                return 2;
            }

            return await RunAsync(vocabPath, s, parse.GetValue(output), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(string vocabPath, double seconds, FileInfo? output, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-bench-encoder-").FullName;
        try
        {
            var vocabSize = File.ReadLines(vocabPath).Count();
            var config = BertEncoderConfig.MiniLmL6H384(vocabSize);
            var modelPath = Path.Combine(folder, "model.onnx");
            AnsiConsole.MarkupLine("[grey]writing a MiniLM-L6-H384-shaped encoder with seeded random weights…[/]");
            BertOnnxBuilder.BuildRandom(config, modelPath);
            var texts = Texts(256);
            var duration = TimeSpan.FromSeconds(seconds);

            var ours = new Dictionary<int, (double TextsPerSecond, double TextsPerCpuSecond)>();
            var tokens = 0.0;
            var batches = new JsonObject();
            foreach (var b in BatchSizes)
            {
                using var encoder = OnnxTextEncoder.Create(modelPath, vocabPath, new OnnxTextEncoderOptions { BatchSize = b });
                var groups = new List<string[]>();
                for (var i = 0; i + b <= texts.Length; i += b)
                {
                    groups.Add(texts[i..(i + b)]);
                }

                var ids = new JsonArray();
                foreach (var g in groups.Take(16))
                {
                    ids.Add(new JsonArray([.. g.Select(t => (JsonNode)new JsonArray([.. encoder.Tokenize(t).Select(x => (JsonNode)x)]))]));
                }

                batches[b.ToString(CultureInfo.InvariantCulture)] = ids;
                tokens = texts.Average(t => encoder.Tokenize(t).Length);
                AnsiConsole.MarkupLineInterpolated($"[grey]OnnxTextEncoder, batch {b}…[/]");
                ours[b] = Measure(encoder, groups, duration, ct);
            }

            AnsiConsole.MarkupLine("[grey]onnxruntime-node on the same model…[/]");
            var (node, nodeNote) = await RunNodeAsync(modelPath, batches, seconds, folder, ct);
            AnsiConsole.MarkupLine("[grey]the CPU's FMA rate…[/]");
            var peak = PeakFlops.Measure(TimeSpan.FromSeconds(Math.Min(seconds, 3)), 1);
            var flopsPerText = PeakFlops.BertFlopsPerText(config.Layers, config.HiddenSize, config.IntermediateSize, tokens);
            Report(ours, node, nodeNote, peak, flopsPerText, tokens, output);
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

    private static (double TextsPerSecond, double TextsPerCpuSecond) Measure(OnnxTextEncoder encoder, List<string[]> groups, TimeSpan duration, CancellationToken ct)
    {
        for (var w = 0; w < 3; w++)
        {
            encoder.Encode(groups[w % groups.Count], ct);
        }

        var count = 0;
        var g = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var batch = groups[g++ % groups.Count];
            encoder.Encode(batch, ct);
            count += batch.Length;
        }

        return (count / Stopwatch.GetElapsedTime(started).TotalSeconds, count / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    private static async Task<(Dictionary<int, double>? Rates, string Note)> RunNodeAsync(
        string modelPath, JsonObject batches, double seconds, string folder, CancellationToken ct)
    {
        var root = DataPaths.FindRepositoryRoot();
        var script = root is null ? null : Path.Combine(root, "bench", "node", "encoder-bench.mjs");
        if (script is null || !File.Exists(script))
        {
            return (null, "onnxruntime-node not measured: bench/node/encoder-bench.mjs not found (run from the repository)");
        }

        if (!Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "onnxruntime-node")))
        {
            return (null, "onnxruntime-node not measured: it is not installed; run `npm ci` in bench/node");
        }

        var input = Path.Combine(folder, "node-input.json");
        await File.WriteAllTextAsync(input, new JsonObject { ["model"] = modelPath, ["seconds"] = seconds, ["batches"] = batches }.ToJsonString(), ct);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(input);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (process.ExitCode != 0 || lines.Length == 0)
            {
                return (null, $"onnxruntime-node failed (exit {process.ExitCode}): {(await stderr).Trim()}");
            }

            using var doc = JsonDocument.Parse(lines[^1]);
            var rates = new Dictionary<int, double>();
            foreach (var p in doc.RootElement.GetProperty("textsPerSecond").EnumerateObject())
            {
                rates[int.Parse(p.Name, CultureInfo.InvariantCulture)] = p.Value.GetDouble();
            }

            return (rates, "onnxruntime-node " + doc.RootElement.GetProperty("onnxruntimeNode").GetString());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"onnxruntime-node not measured: cannot start node ({ex.Message})");
        }
    }

    private static void Report(
        Dictionary<int, (double TextsPerSecond, double TextsPerCpuSecond)> ours, Dictionary<int, double>? node, string nodeNote,
        (double Gflops, double GflopsPerCpuSecond) peak, double flopsPerText, double tokens, FileInfo? output)
    {
        string[] headers = ["batch", "OnnxTextEncoder texts/s", "onnxruntime-node texts/s", "ratio", "texts per CPU-s", "GFLOP per CPU-s", "% of one core's FMA peak"];
        var rows = new List<IReadOnlyList<string>>();
        var json = new JsonObject();
        foreach (var (b, (rate, perCpu)) in ours)
        {
            var other = node?.GetValueOrDefault(b) ?? double.NaN;
            var gflops = perCpu * flopsPerText / 1e9;
            rows.Add([b.ToString(CultureInfo.InvariantCulture), BenchReport.F(rate), BenchReport.F(other), BenchReport.F(rate / other, 2), BenchReport.F(perCpu),
                BenchReport.F(gflops), BenchReport.F(100 * gflops / peak.GflopsPerCpuSecond)]);
            json[b.ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["textsPerSecond"] = BenchReport.J(rate, 1),
                ["nodeTextsPerSecond"] = BenchReport.J(other, 1),
                ["ratioToNode"] = BenchReport.J(rate / other),
                ["textsPerCpuSecond"] = BenchReport.J(perCpu, 1),
                ["fractionOfPeak"] = BenchReport.J(gflops / peak.GflopsPerCpuSecond, 4),
            };
        }

        var table = new Table().AddColumns(headers).Title("bench encoders (MiniLM-L6-H384 shape, random weights)").Expand();
        foreach (var row in rows)
        {
            table.AddRow(row.ToArray());
        }

        AnsiConsole.Write(table);
        var notes = $"{nodeNote}; {tokens:F1} tokens per text on average; {flopsPerText / 1e6:F0} MFLOP per text; one core's measured FMA peak {peak.GflopsPerCpuSecond:F1} GFLOP per CPU-second (vector FMA loop, {peak.Gflops:F1} GFLOP/s wall on this shared machine)";
        AnsiConsole.MarkupLineInterpolated($"{notes}");
        if (output is not null)
        {
            BenchReport.WriteSection(output.FullName, "encoders",
                $"Machine: {BenchReport.Machine()}; measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n" + BenchReport.Table(headers, rows) + "\n" + notes + ".\n");
        }

        Console.Out.WriteLine(new JsonObject
        {
            ["bench"] = "encoders",
            ["model"] = "MiniLM-L6-H384 shape",
            ["tokensPerText"] = BenchReport.J(tokens, 1),
            ["mflopsPerText"] = BenchReport.J(flopsPerText / 1e6, 1),
            ["peakGflopsPerCpuSecond"] = BenchReport.J(peak.GflopsPerCpuSecond, 1),
            ["node"] = node is null ? null : nodeNote,
            ["nodeNote"] = nodeNote,
            ["batches"] = json,
        }.ToJsonString());
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
