using System.Diagnostics;
using AgentRec.Core.State;

namespace AgentRec.IntegrationTests;

/// <summary>`agentrec chat` as a separate process talking to the hosted service over the hub, typed into like a shell.</summary>
[Collection(ServiceCollection.Name)]
public sealed class ChatCliTests(AgentRecAppFactory app)
{
    [Fact]
    public async Task Chat_streams_answers_and_records_feedback_by_item_number()
    {
        var userId = "cli-" + Guid.NewGuid().ToString("N")[..8];

        var output = await RunChatAsync(userId, "three comedies from the 90s", "/like 1", "something newer", "/quit");

        Assert.Contains("1. ", output, StringComparison.Ordinal);
        Assert.Contains("3. ", output, StringComparison.Ordinal);
        Assert.Contains("Comedy", output, StringComparison.Ordinal);
        Assert.Contains("saved: like", output, StringComparison.Ordinal);
        Assert.Contains("refine", output, StringComparison.Ordinal);
        var history = await app.Services.GetRequiredService<IStateStore>().GetInteractionsAsync(userId, CancellationToken.None);
        Assert.Equal(InteractionKinds.Like, Assert.Single(history).Kind);
    }

    [Fact]
    public async Task Chat_explains_bad_commands_instead_of_failing()
    {
        var output = await RunChatAsync("cli-x", "/like 7", "/quit");

        Assert.Contains("/like N", output, StringComparison.Ordinal);
    }

    private async Task<string> RunChatAsync(string userId, params string[] lines)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "agentrec.dll"), "chat", "--url", app.BaseAddress.ToString(), "--user", userId])
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        foreach (var line in lines)
        {
            await process.StandardInput.WriteLineAsync(line);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        return output;
    }
}
