using AgentRec.Core.Llm;
using Microsoft.Extensions.AI;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// The two engines side by side on one model folder, through the product's path (<see cref="IChatClient"/> streaming):
/// time to the first streamed text, ms per decoded token, tokens/s, the share of step time outside ONNX Runtime's Run,
/// and whether greedy text is the same on both. Runs alternate between the engines (AB, BA, …) so that the
/// machine's load falls on both; each figure is the median of the runs.
/// </summary>
internal static class LlmEngineComparison
{
    public static readonly string[] Headers =
        ["model", "engine", "mode", "prompt tokens", "tokens", "first token ms", "ms/token", "tokens/s", "outside the model call", "same text as native"];

    private static readonly ChatMessage[] Prompt =
        [new(ChatRole.User, "Recommend three science fiction movies from the 1990s with a time travel plot, and explain why each one fits.")];

    public static void Run(string folder, int newTokens, int runs, TimeSpan warmup, List<IReadOnlyList<string>> rows, JsonArray json, CancellationToken ct)
    {
        using var native = OnnxGenAIModel.Load(folder);
        using var genai = GenAIEngineModel.Load(folder);
        using var nativeClient = new OnnxGenAIChatClient(native);
        using var genaiClient = new GenAIEngineChatClient(genai);
        var modes = new (string Name, ChatOptions Options)[]
        {
            ("greedy", new ChatOptions { MaxOutputTokens = newTokens, Temperature = 0f }),
            ("top-p 0.9, T 0.8", new ChatOptions { MaxOutputTokens = newTokens, Temperature = 0.8f, TopP = 0.9f, TopK = 0, Seed = 7 }),
            ("greedy, intent JSON", new ChatOptions { MaxOutputTokens = newTokens, Temperature = 0f, ResponseFormat = ChatResponseFormat.Json }),
        };
        var promptTokens = native.EncodePrompt(native.ChatTemplate.Render([("user", Prompt[0].Text)])).Length;
        foreach (var (mode, options) in modes)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]{native.Name}, engines, {mode}…[/]");
            var clients = new (string Engine, IChatClient Client)[] { (LlmEngines.Native, nativeClient), (LlmEngines.GenAI, genaiClient) };
            var results = clients.ToDictionary(c => c.Engine, _ => new List<Sample>());
            var failures = new Dictionary<string, string>();
            foreach (var (engine, client) in clients)
            {
                var warming = Stopwatch.StartNew();
                do
                {
                    if (Measure(client, options, ct) is { Error: { } error })
                    {
                        failures[engine] = error;
                        break;
                    }
                }
                while (warming.Elapsed < warmup);
            }

            for (var i = 0; i < runs; i++)
            {
                var order = i % 2 == 0 ? clients : clients.Reverse();
                foreach (var (engine, client) in order)
                {
                    if (!failures.ContainsKey(engine))
                    {
                        results[engine].Add(Measure(client, options, ct));
                    }
                }
            }

            var nativeText = results[LlmEngines.Native].FirstOrDefault()?.Text;
            foreach (var (engine, _) in clients)
            {
                if (failures.TryGetValue(engine, out var error))
                {
                    rows.Add([native.Name, engine, mode, promptTokens.ToString(CultureInfo.InvariantCulture), "—", "—", "—", "—", "—", error]);
                    json.Add(new JsonObject { ["model"] = native.Name, ["engine"] = engine, ["mode"] = mode, ["error"] = error });
                    continue;
                }

                var samples = results[engine];
                var first = Median(samples.Select(s => s.FirstTokenMs));
                var perToken = Median(samples.Select(s => s.MsPerToken));
                var tokens = samples.Count == 0 ? 0 : samples[0].Tokens;
                // Native: outside ONNX Runtime's Run. GenAI: outside the library's calls, which hold its Run, sampling and guidance.
                var outside = 1 - (engine == LlmEngines.Native ? RunShare(native, options, newTokens, ct) : LibraryShare(genai, options, newTokens, ct));
                var deterministic = options.Temperature == 0f;
                var sameText = deterministic && SameText(samples[0].Text, nativeText);
                var same = !deterministic ? "sampled" : sameText ? "yes" : "no";
                rows.Add([native.Name, engine, mode, promptTokens.ToString(CultureInfo.InvariantCulture), tokens.ToString(CultureInfo.InvariantCulture),
                    BenchReport.F(first, 2), BenchReport.F(perToken, 3), BenchReport.F(1000 / perToken), BenchReport.F(100 * outside) + " %", same]);
                json.Add(new JsonObject
                {
                    ["model"] = native.Name,
                    ["engine"] = engine,
                    ["mode"] = mode,
                    ["promptTokens"] = promptTokens,
                    ["tokens"] = tokens,
                    ["firstTokenMs"] = BenchReport.J(first, 3),
                    ["msPerToken"] = BenchReport.J(perToken, 4),
                    ["tokensPerSecond"] = BenchReport.J(1000 / perToken, 1),
                    ["overheadOutsideRun"] = BenchReport.J(outside, 4),
                    ["sameTextAsNative"] = deterministic ? sameText : null,
                });
            }
        }
    }

    private sealed record Sample(double FirstTokenMs, double MsPerToken, int Tokens, string Text, string? Error = null);

    private static Sample Measure(IChatClient client, ChatOptions options, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        double first = double.NaN;
        var text = new System.Text.StringBuilder();
        var tokens = 0;
        try
        {
            // The clients run synchronously inside their iterators; blocking here keeps the timing free of scheduling.
            var updates = client.GetStreamingResponseAsync(Prompt, options.Clone(), ct).GetAsyncEnumerator(ct);
            try
            {
                while (updates.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    var update = updates.Current;
                    if (double.IsNaN(first) && update.Text.Length > 0)
                    {
                        first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }

                    text.Append(update.Text);
                    if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
                    {
                        tokens = (int)(usage.Details.OutputTokenCount ?? 0);
                    }
                }
            }
            finally
            {
                updates.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (LlmConstraintException ex)
        {
            return new Sample(double.NaN, double.NaN, 0, "", "cannot constrain: " + (ex.Message.Contains("vocabulary", StringComparison.Ordinal) ? "tokenizer wider than the model" : ex.Message));
        }

        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var perToken = tokens > 1 ? (total - first) / (tokens - 1) : double.NaN;
        return new Sample(first, perToken, tokens, text.ToString());
    }

    // The share of the native loop's decode steps spent inside Run, for the same prompt and settings.
    private static double RunShare(OnnxGenAIModel model, ChatOptions options, int newTokens, CancellationToken ct) =>
        InsideShare(model.EncodePrompt(model.ChatTemplate.Render([("user", Prompt[0].Text)])), options, newTokens,
            (prompt, settings) => Core.Benchmarking.DecodeProbe.Run(model, prompt, settings, ct));

    // The share of the GenAI steps spent inside the library's calls, for the same prompt and settings.
    private static double LibraryShare(GenAIEngineModel model, ChatOptions options, int newTokens, CancellationToken ct) =>
        InsideShare(model.EncodePrompt(model.ChatTemplate.Render([("user", Prompt[0].Text)])), options, newTokens,
            (prompt, settings) => Core.Benchmarking.DecodeProbe.RunGenAI(model, prompt, settings, ct));

    // The share of three probed generations' decode time spent inside the engine's model calls.
    private static double InsideShare(int[] prompt, ChatOptions options, int newTokens, Func<int[], GenerationSettings, Core.Benchmarking.DecodeTiming> probe)
    {
        var settings = ChatOptionsSettings.From(options) with { MaxNewTokens = newTokens };
        var timings = Enumerable.Range(0, 3).Select(_ => probe(prompt, settings)).ToList();
        var decode = timings.Sum(t => t.Decode.TotalMilliseconds);
        return decode <= 0 ? double.NaN : timings.Sum(t => t.DecodeRun.TotalMilliseconds) / decode;
    }

    // Byte tokens that do not complete a UTF-8 character are U+FFFD in the native text and dropped by the library's stream.
    private static bool SameText(string a, string? b) =>
        b is not null && string.Equals(a.Replace("\uFFFD", "", StringComparison.Ordinal), b.Replace("\uFFFD", "", StringComparison.Ordinal), StringComparison.Ordinal);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
