using AgentRec.Core.Benchmarking;
using AgentRec.Core.Llm;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// <c>agentrec bench llm</c>: milliseconds per token and tokens/s of the native decode loop on the test models and on a
/// generated 36M-parameter llama-shaped model, the share of step time spent outside ONNX Runtime's Run (the loop's own
/// overhead) by part, and the two engines (native, ONNX Runtime GenAI) compared in the same run through IChatClient.
/// </summary>
internal static class LlmBenchCommand
{
    public static Command Create()
    {
        var models = new Option<DirectoryInfo[]>("--model") { Description = "GenAI-layout model folder(s). Default: every folder under shared/models/test.", AllowMultipleArgumentsPerToken = true };
        var tokens = new Option<int>("--tokens") { Description = "New tokens per generation.", DefaultValueFactory = _ => 64 };
        var runs = new Option<int>("--runs") { Description = "Measured generations per model and mode (after the warm-up).", DefaultValueFactory = _ => 5 };
        var warmup = new Option<double>("--warmup-seconds")
        {
            Description = "Generations run unmeasured per model and mode first, for this long: the loop's code reaches its optimised (tier-1) JIT form only after some thousands of steps, and a service lives in that state.",
            DefaultValueFactory = _ => 3.0,
        };
        var provider = new Option<string>("--provider") { Description = "Execution provider: cpu, or cuda (the GPU build); a model that cannot run on CUDA is an error, not a quiet CPU run.", DefaultValueFactory = _ => "cpu" };
        provider.AcceptOnlyFromAmong("cpu", "cuda");
        var generated = new Option<bool>("--generated")
        {
            Description = "Also write (once, to the temp folder) and measure a 36M-parameter llama-shaped model with the llama test tokenizer, where the model's run dominates.",
            DefaultValueFactory = _ => true,
        };
        var output = E2eBenchCommand.OutOption();
        var command = new Command("llm", "Decode speed of the local LLM engines (native loop and ONNX Runtime GenAI) on the test models and a generated larger one: first token, ms/token, tokens/s, and the overhead outside ONNX Runtime's Run.")
        {
            models, tokens, runs, warmup, provider, generated, output,
        };
        command.SetAction((parse, ct) =>
        {
            var folders = parse.GetValue(models) is { Length: > 0 } given
                ? given.Select(d => d.FullName).ToArray()
                : DataPaths.FindShared(Path.Combine("models", "test")) is { } test ? Directory.GetDirectories(test).Order(StringComparer.Ordinal).ToArray() : [];
            if (folders.Length == 0)
            {
                return Task.FromResult(CliFailure.Usage("no models: pass --model FOLDER (shared/models/test was not found)"));
            }

            var n = parse.GetValue(tokens);
            var r = parse.GetValue(runs);
            var w = parse.GetValue(warmup);
            if (n is < 1 or > 4096 || r is < 1 or > 1000 || w is < 0 or > 600 || double.IsNaN(w))
            {
                return Task.FromResult(CliFailure.Usage("--tokens must be 1–4096, --runs 1–1000 and --warmup-seconds 0–600"));
            }

            if (parse.GetValue(generated) && parse.GetValue(models) is not { Length: > 0 })
            {
                if (DataPaths.FindShared(Path.Combine("models", "test", "tiny-random-llama-fp16")) is not { } tokenizer)
                {
                    return Task.FromResult(CliFailure.Usage("the generated model takes its tokenizer from shared/models/test/tiny-random-llama-fp16, which was not found"));
                }

                var folder = Path.Combine(Path.GetTempPath(), "agentrec-bench", "generated-llama-36m");
                AnsiConsole.MarkupLineInterpolated($"[grey]writing the generated model to {folder} (once)…[/]");
                DecoderModelWriter.Write(folder, tokenizer, DecoderShape.Medium, seed: 17);
                folders = [.. folders, folder];
            }

            return Task.FromResult(Run(folders, n, r, TimeSpan.FromSeconds(w), parse.GetValue(provider)!, parse.GetValue(output), ct));
        });
        return command;
    }

    private static int Run(string[] folders, int newTokens, int runs, TimeSpan warmup, string provider, FileInfo? output, CancellationToken ct)
    {
        string[] headers = ["model", "mode", "prompt tokens", "steps", "prefill ms", "ms/token", "tokens/s", "outside Run", "outside Run by part, µs/step"];
        var rows = new List<IReadOnlyList<string>>();
        var json = new JsonArray();
        foreach (var folder in folders)
        {
            OnnxGenAIModel model;
            try
            {
                model = OnnxGenAIModel.Load(folder, provider);
            }
            catch (Exception ex) when (ex is LlmModelException or IOException or InvalidDataException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {folder}: {ex.Message}");
                return 1;
            }

            if (model.ExecutionProvider != provider)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {folder}: asked for the {provider} execution provider, got {model.ExecutionProvider}: ONNX Runtime could not load CUDA (it needs the GPU build -p:OnnxRuntimeGpu=true, an NVIDIA driver, CUDA 12 and cuDNN 9)");
                model.Dispose();
                return 3;
            }

            using (model)
            {
                var prompt = model.EncodePrompt("Recommend three science fiction movies from the 1990s with a time travel plot, and explain why each one fits.");
                foreach (var (mode, settings) in (ReadOnlySpan<(string, GenerationSettings)>)
                         [
                             ("greedy", new GenerationSettings { MaxNewTokens = newTokens, DoSample = false, RepetitionPenalty = 1.0f }),
                             ("top-p 0.9, T 0.8", new GenerationSettings { MaxNewTokens = newTokens, DoSample = true, Temperature = 0.8f, TopP = 0.9f, Seed = 7, RepetitionPenalty = 1.1f }),
                             ("greedy, intent JSON grammar", new GenerationSettings { MaxNewTokens = newTokens, DoSample = false, RepetitionPenalty = 1.0f, ConstrainToIntentJson = true }),
                         ])
                {
                    AnsiConsole.MarkupLineInterpolated($"[grey]{model.Name}, {mode}…[/]");
                    var warming = Stopwatch.StartNew();
                    do
                    {
                        DecodeProbe.Run(model, prompt, settings, ct);
                    }
                    while (warming.Elapsed < warmup);
                    var timings = new List<DecodeTiming>();
                    for (var i = 0; i < runs; i++)
                    {
                        timings.Add(DecodeProbe.Run(model, prompt, settings, ct));
                    }

                    var steps = timings.Sum(t => t.Steps);
                    var decodeMs = timings.Sum(t => t.Decode.TotalMilliseconds);
                    var runMs = timings.Sum(t => t.DecodeRun.TotalMilliseconds);
                    var msPerToken = steps == 0 ? double.NaN : decodeMs / steps;
                    var overhead = decodeMs <= 0 ? double.NaN : (decodeMs - runMs) / decodeMs;
                    var prefill = timings.Average(t => t.Prefill.TotalMilliseconds);
                    double PerStepUs(Func<DecodeLoopTicks, long> part) =>
                        steps == 0 ? double.NaN : timings.Sum(t => part(t.Loop)) * 1e6 / Stopwatch.Frequency / steps;
                    var parts = new (string Name, double Us)[]
                    {
                        ("prepare", PerStepUs(l => l.Prepare)), ("collect", PerStepUs(l => l.Collect)), ("penalty", PerStepUs(l => l.Penalty)),
                        ("mask", PerStepUs(l => l.Mask)), ("sample", PerStepUs(l => l.Sample)), ("text", PerStepUs(l => l.Text)),
                    };
                    var otherUs = steps == 0 ? double.NaN : ((decodeMs - runMs) * 1000 / steps) - parts.Sum(p => p.Us);
                    rows.Add([model.Name, mode, prompt.Length.ToString(CultureInfo.InvariantCulture), (steps / runs).ToString(CultureInfo.InvariantCulture),
                        BenchReport.F(prefill, 2), BenchReport.F(msPerToken, 3), BenchReport.F(1000 / msPerToken), BenchReport.F(100 * overhead) + " %",
                        string.Join(", ", parts.Select(p => $"{p.Name} {BenchReport.F(p.Us, 1)}")) + $", rest {BenchReport.F(otherUs, 1)}"]);
                    json.Add(new JsonObject
                    {
                        ["model"] = model.Name,
                        ["mode"] = mode,
                        ["promptTokens"] = prompt.Length,
                        ["stepsPerRun"] = steps / runs,
                        ["prefillMs"] = BenchReport.J(prefill),
                        ["msPerToken"] = BenchReport.J(msPerToken, 4),
                        ["tokensPerSecond"] = BenchReport.J(1000 / msPerToken, 1),
                        ["overheadOutsideRun"] = BenchReport.J(overhead, 4),
                        ["outsideRunUsPerStep"] = new JsonObject(parts.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)BenchReport.J(p.Us, 2)))
                            .Append(KeyValuePair.Create("rest", (JsonNode?)BenchReport.J(otherUs, 2)))),
                    });
                }
            }
        }

        var table = new Table().AddColumns(headers).Title($"bench llm: native loop (KV cache, {provider.ToUpperInvariant()})");
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
        var engineRows = new List<IReadOnlyList<string>>();
        var engines = new JsonArray();
        foreach (var folder in folders)
        {
            LlmEngineComparison.Run(folder, newTokens, runs, TimeSpan.FromSeconds(Math.Min(1, warmup.TotalSeconds)), engineRows, engines, ct);
        }

        var engineTable = new Table().AddColumns(LlmEngineComparison.Headers).Title("bench llm: engines through IChatClient (CPU)");
        foreach (var row in engineRows)
        {
            engineTable.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(engineTable);
        if (output is not null)
        {
            BenchReport.WriteSection(output.FullName, "llm",
                $"Machine: {BenchReport.Machine()}; ONNX Runtime {ExecutionProviders.Describe().Version}, ONNX Runtime GenAI 0.20.0; {newTokens} new tokens per generation, {runs} runs each after {warmup.TotalSeconds:F0} s of unmeasured warm-up; measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n"
                + "The native loop, step time split by part:\n\n" + BenchReport.Table(headers, rows)
                + "\n\nBoth engines in the same run, through `IChatClient` streaming (the product's path: chat template, tokenizer, text), runs alternating between the engines, medians:\n\n"
                + BenchReport.Table(LlmEngineComparison.Headers, engineRows));
        }

        Console.Out.WriteLine(new JsonObject { ["bench"] = "llm", ["provider"] = provider, ["newTokens"] = newTokens, ["runs"] = runs, ["results"] = json, ["engines"] = engines }.ToJsonString());
        return 0;
    }
}
