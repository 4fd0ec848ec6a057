using AgentRec.Core.Explanation;
using AgentRec.Core.State;
using AgentRec.IntegrationTests.Fakes;
using Microsoft.AspNetCore.TestHost;

namespace AgentRec.IntegrationTests;

/// <summary>A client that stops listening stops the work on the server.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task Cancelling_the_stream_stops_the_pipeline_before_it_finishes_the_answer()
    {
        var explainer = new FakeSlowExplainer();
        using var app = AgentRecAppFactory.Start(0, null, b => b.ConfigureTestServices(s => s.AddSingleton<IExplainer>(explainer)));
        await using var connection = await app.ConnectAsync();
        var conversationId = "cancel-" + Guid.NewGuid().ToString("N")[..8];
        using var cts = new CancellationTokenSource();
        var tokens = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend",
                               new RecommendRequest { Message = "recommend 5 comedies", ConversationId = conversationId }, cts.Token))
            {
                if (e.Type == RecommendationEventTypes.Token && ++tokens == 2)
                {
                    await cts.CancelAsync();
                }
            }
        });

        await explainer.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
        var turns = await app.Services.GetRequiredService<IStateStore>().GetTurnsAsync(conversationId, CancellationToken.None);
        Assert.Empty(turns);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }
}
