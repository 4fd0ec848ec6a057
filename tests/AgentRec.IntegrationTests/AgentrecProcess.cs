using System.Diagnostics;

namespace AgentRec.IntegrationTests;

/// <summary>Runs the built `agentrec` command line as a separate process, the way a shell would.</summary>
internal static class AgentrecProcess
{
    /// <summary>Runs `agentrec <paramref name="args"/>` and returns its exit code and its stdout followed by its stderr.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentrec.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["COLUMNS"] = "200";
        start.Environment["Ranking__TrainWhenMissing"] = "false"; // commands that host the service must not write weights into the checkout
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
