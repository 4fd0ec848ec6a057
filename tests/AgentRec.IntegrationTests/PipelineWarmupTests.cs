using AgentRec.Core.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace AgentRec.IntegrationTests;

/// <summary>The start-up warm-up rehearses requests through the stages before /readyz says ready, and stores nothing.</summary>
public sealed class PipelineWarmupTests
{
    [Fact]
    public async Task The_warm_up_rehearses_requests_before_ready_and_writes_no_conversation()
    {
        await using var app = AgentRecAppFactory.Start(0, null, b => b.UseSetting("Pipeline:WarmupSeconds", "3"));
        var warmup = app.Services.GetRequiredService<PipelineWarmup>();
        using var http = app.CreateHttpClient();

        await warmup.WhenDone.WaitAsync(TimeSpan.FromSeconds(60));
        using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.True(warmup.Rehearsals > 0, "no request was rehearsed");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(0, StoredConversationRows(app.DatabasePath));
    }

    [Fact]
    public async Task Zero_seconds_turns_the_warm_up_off()
    {
        await using var app = AgentRecAppFactory.Start(0, null, configure: null);
        var warmup = app.Services.GetRequiredService<PipelineWarmup>();

        await warmup.WhenDone.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, warmup.Rehearsals);
    }

    private static long StoredConversationRows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM conversations) + (SELECT COUNT(*) FROM conversation_turns)";
        return (long)command.ExecuteScalar()!;
    }
}
