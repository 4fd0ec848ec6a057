using System.Diagnostics;
using System.Text.Json;

namespace AgentRec.IntegrationTests;

/// <summary>`agentrec bench e2e --url` as a separate process driving the hosted service with real SignalR clients.</summary>
[Collection(ServiceCollection.Name)]
public sealed class BenchCliTests(AgentRecAppFactory app)
{
    [Fact]
    public async Task Bench_e2e_against_a_running_service_answers_every_request_and_ends_with_a_json_line()
    {
        var (exitCode, output) = await RunAgentrecAsync("bench", "e2e", "--url", app.BaseAddress.ToString(), "--clients", "2", "--seconds", "1");

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
        var (exitCode, output) = await RunAgentrecAsync("bench", "e2e", "--url", app.BaseAddress.ToString(), "--clients", "4,zero");

        Assert.Equal(2, exitCode);
        Assert.Contains("--clients", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAgentrecAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentrec.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
