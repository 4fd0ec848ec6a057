using System.Diagnostics;

namespace AgentRec.IntegrationTests;

/// <summary>
/// `agentrec bench e2e --url` as a separate process driving the hosted service with real SignalR clients; the service
/// has its rate limits lifted, as a load test's target must (back-to-back clients exceed the per-connection limit in a second).
/// </summary>
[Collection(Reliability.OpenService.Collection)]
public sealed class BenchCliTests(Reliability.OpenService open)
{
    [Fact]
    public async Task Bench_e2e_against_a_running_service_answers_every_request_and_ends_with_a_json_line()
    {
        var (exitCode, output) = await RunAgentrecAsync("bench", "e2e", "--url", open.App.BaseAddress.ToString(), "--clients", "2", "--seconds", "1");

        Assert.True(exitCode == 0, output);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        using var json = JsonDocument.Parse(last);
        var run = Assert.Single(json.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal(2, run.GetProperty("clients").GetInt32());
        Assert.True(run.GetProperty("requests").GetInt32() > 0, output);
        Assert.Equal(0, run.GetProperty("errors").GetInt32());
        Assert.True(run.GetProperty("doneMs").GetProperty("p95").GetDouble() >= run.GetProperty("firstEventMs").GetProperty("p50").GetDouble());
    }

    [Fact]
    public async Task Bench_e2e_refuses_a_bad_client_list_with_a_clear_error()
    {
        var (exitCode, output) = await RunAgentrecAsync("bench", "e2e", "--url", open.App.BaseAddress.ToString(), "--clients", "4,zero");

        Assert.Equal(2, exitCode);
        Assert.Contains("--clients", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_intent_times_every_request_of_its_files_and_ends_with_a_json_line()
    {
        var sample = Path.Combine(Core.Catalog.DataPaths.FindShared("eval")!, "intent-sample.jsonl");

        var (exitCode, output) = await RunAgentrecAsync("bench", "intent", "--input", sample, "--rounds", "3", "--warmup-seconds", "0");

        Assert.True(exitCode == 0, output);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        using var json = JsonDocument.Parse(last);
        Assert.Equal(20, json.RootElement.GetProperty("requests").GetInt32());
        var parse = json.RootElement.GetProperty("parse");
        Assert.True(parse.GetProperty("p99Us").GetDouble() >= parse.GetProperty("p50Us").GetDouble(), last);
        Assert.True(parse.GetProperty("p50Us").GetDouble() > 0, last);
    }

    [Fact]
    public async Task Bench_intent_names_a_malformed_request_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"intent-bench-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, "{\"query\": \"hi\", \"intent\": {\n");
        try
        {
            var (exitCode, output) = await RunAgentrecAsync("bench", "intent", "--input", path, "--rounds", "1", "--warmup-seconds", "0");

            Assert.Equal(1, exitCode);
            Assert.Contains(path + ":1", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task<(int ExitCode, string Output)> RunAgentrecAsync(params string[] args) => AgentrecProcess.RunAsync(TimeSpan.FromMinutes(2), args);
}
