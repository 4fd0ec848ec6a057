using System.Diagnostics;

namespace AgentRec.IntegrationTests;

/// <summary>Runs the real `agentrec` executable as a separate process, as a user's shell would.</summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ingest_reports_the_MovieLens_counts_and_is_idempotent()
    {
        var db = Path.Combine(_folder, "state.db");

        var first = await RunAsync("ingest", "--no-books", "--db", db);
        var second = await RunAsync("ingest", "--no-books", "--db", db);

        Assert.Equal(0, first.ExitCode);
        var flat = Flatten(first.Output);
        Assert.Contains("9,742 movies", flat, StringComparison.Ordinal);
        Assert.Contains("610 users", flat, StringComparison.Ordinal);
        Assert.Contains("100,836 interactions", flat, StringComparison.Ordinal);
        Assert.Contains("100,836 added", flat, StringComparison.Ordinal);
        Assert.Contains("0 added, 100,836 already present", Flatten(second.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_of_a_missing_folder_fails_with_a_clear_message()
    {
        var result = await RunAsync("ingest", "--movielens", Path.Combine(_folder, "nowhere"), "--db", Path.Combine(_folder, "x.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("movies.csv", Flatten(result.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_encoder_with_a_base_trains_a_linear_adapter_that_names_and_pins_its_base()
    {
        var baseFolder = Path.Combine(_folder, "tiny-bert");
        Directory.CreateDirectory(baseFolder);
        AgentRec.Core.Embeddings.Onnx.BertOnnxBuilder.BuildRandom(AgentRec.Core.Embeddings.Onnx.BertEncoderConfig.Tiny(seed: 3), Path.Combine(baseFolder, "model.onnx"));
        File.Copy(AgentRec.Core.Catalog.DataPaths.FindShared("models/tokenizers/bert-uncased-wordpiece/vocab.txt")!, Path.Combine(baseFolder, "vocab.txt"));
        var output = Path.Combine(_folder, "adapter");

        var result = await RunAsync("train", "encoder", "--no-books", "--base", baseFolder, "--max-tokens", "128", "--epochs", "1", "--output", output);

        Assert.True(result.ExitCode == 0, result.Output);
        var flat = Flatten(result.Output);
        Assert.Contains("recall@10 of their item", flat, StringComparison.Ordinal);
        Assert.Contains("Retrieval:EncoderDirectory=", flat, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "adapter.json")));
        Assert.Equal(Path.Combine("..", "tiny-bert"), manifest.RootElement.GetProperty("baseModel").GetString());
        Assert.Equal(64, manifest.RootElement.GetProperty("baseModelSha256").GetString()!.Length);
        Assert.True(File.Exists(Path.Combine(output, "adapter.onnx")));
    }

    [Fact]
    public async Task Train_encoder_with_a_base_that_is_not_an_encoder_folder_fails_naming_the_missing_file()
    {
        var result = await RunAsync("train", "encoder", "--no-books", "--base", _folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no model.onnx", Flatten(result.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_intent_ends_with_the_contract_json_line()
    {
        var sample = AgentRec.Core.Catalog.DataPaths.FindShared("eval/intent-sample.jsonl");
        Assert.NotNull(sample);

        var result = await RunAsync("eval", "intent", "--input", sample);

        Assert.Equal(0, result.ExitCode);
        var last = result.Output.TrimEnd().Split('\n')[^1];
        using var json = JsonDocument.Parse(last);
        Assert.Equal(20, json.RootElement.GetProperty("examples").GetInt32());
        Assert.True(json.RootElement.GetProperty("exactMatch").GetDouble() >= 0.9);
        Assert.Equal(
            ["action", "genres", "excludeGenres", "yearFrom", "yearTo", "similarTo", "sort", "count"],
            json.RootElement.GetProperty("slotAccuracy").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Unknown_command_prints_help_and_fails()
    {
        var result = await RunAsync("nonsense");

        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task Mcp_stdio_server_answers_a_client_that_spawned_it()
    {
        var transport = McpStdioServer(new Dictionary<string, string?> { ["State__DatabasePath"] = Path.Combine(_folder, "mcp.db") });
        await using var client = await ModelContextProtocol.Client.McpClient.CreateAsync(transport, PatientClient);

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("search_catalog", new Dictionary<string, object?> { ["text"] = "toy story", ["count"] = 1 });

        Assert.Contains(tools, t => t.Name == "recommend");
        var text = Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(result.Content[0]).Text;
        Assert.Contains("Toy Story", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_stdio_server_completes_the_handshake_before_the_catalog_has_loaded()
    {
        // movies.csv is a named pipe nobody writes to yet: loading the catalog blocks on it until the test feeds it, so
        // a server that loaded the catalog before answering its client's handshake would never answer it.
        var movieLens = Directory.CreateDirectory(Path.Combine(_folder, "ml")).FullName;
        var movies = Path.Combine(movieLens, "movies.csv");
        using (var mkfifo = Process.Start("mkfifo", [movies]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var source = AgentRec.Core.Catalog.DataPaths.FindShared("data/ml-latest-small/movies.csv");
        Assert.NotNull(source);
        var transport = McpStdioServer(new Dictionary<string, string?>
        {
            ["State__DatabasePath"] = Path.Combine(_folder, "mcp-fifo.db"),
            ["Catalog__MovieLensPath"] = movieLens,
            ["Catalog__IncludeBooks"] = "false",
            ["Ranking__TrainWhenMissing"] = "false",
            ["Pipeline__WarmupSeconds"] = "0",
        });

        await using var client = await ModelContextProtocol.Client.McpClient.CreateAsync(transport, PatientClient);
        var tools = await client.ListToolsAsync();
        var call = client.CallToolAsync("search_catalog", new Dictionary<string, object?> { ["text"] = "toy story", ["count"] = 1 }).AsTask();
        await using (var pipe = new FileStream(movies, FileMode.Open, FileAccess.Write))
        await using (var csv = File.OpenRead(source))
        {
            await csv.CopyToAsync(pipe);
        }

        var result = await call;

        Assert.Contains(tools, t => t.Name == "search_catalog");
        var text = Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(result.Content[0]).Text;
        Assert.Contains("Toy Story", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_answers_judges_the_small_set_and_ends_with_the_contract_line()
    {
        var cases = Path.Combine(AgentRec.Core.Catalog.DataPaths.FindRepositoryRoot()!, "eval", "answers", "ci.jsonl");

        var result = await RunAsync("eval", "answers", "--input", cases);

        Assert.True(result.ExitCode == 0, result.Output);
        var summary = JsonDocument.Parse(result.Output.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(["cases", "precision", "precisionEn", "precisionZh", "perfect", "zero", "junkRate", "short", "errors"],
            summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5, summary.GetProperty("cases").GetInt32());
        Assert.Equal(0, summary.GetProperty("errors").GetInt32());
        // Plain genre, era, refinement and author requests: a service that answers them badly fails here.
        Assert.True(summary.GetProperty("precision").GetDouble() >= 0.8, result.Output);
    }

    [Fact]
    public async Task Eval_answers_names_the_line_of_an_unknown_predicate_key()
    {
        var cases = Path.Combine(_folder, "cases.jsonl");
        await File.WriteAllLinesAsync(cases,
        [
            """{"id": "a", "turns": ["some comedies"], "relevant": {"genre": "Comedy"}}""",
            """{"id": "b", "turns": ["films by Nolan"], "relevant": {"director": "Nolan"}}""",
        ]);

        var result = await RunAsync("eval", "answers", "--input", cases);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cases.jsonl line 2: relevant.director: unknown predicate key 'director'", Flatten(result.Output), StringComparison.Ordinal);
    }

    /// <summary>`agentrec mcp --stdio` as a child process of the client, with these environment variables.</summary>
    private static ModelContextProtocol.Client.StdioClientTransport McpStdioServer(Dictionary<string, string?> environment) =>
        new(new ModelContextProtocol.Client.StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "agentrec.dll"), "mcp", "--stdio"],
            EnvironmentVariables = environment,
            Name = "agentrec",
        });

    /// <summary>
    /// Waits up to a minute for the handshake, not the SDK's 5 s discovery probe: a CI machine running other tests
    /// beside this one can take longer than that to start a process, and the probe's fallback is not what is tested.
    /// </summary>
    private static readonly ModelContextProtocol.Client.McpClientOptions PatientClient = new()
    {
        DiscoverProbeTimeout = TimeSpan.FromMinutes(1),
        InitializationTimeout = TimeSpan.FromMinutes(2),
    };

    private static string Flatten(string output) => string.Join(' ', output.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => AgentrecProcess.RunAsync(TimeSpan.FromMinutes(3), args);
}
