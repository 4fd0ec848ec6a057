using System.Diagnostics;
using System.Net.Sockets;
using AgentRec.Api.Hubs;
using AgentRec.Core.State;
using Microsoft.AspNetCore.Hosting;

namespace AgentRec.IntegrationTests.ScaleOut;

/// <summary>
/// Two replicas of the real service sharing one real redis-server (a child process on a loopback port, no
/// persistence): SignalR groups span the replicas and a conversation continues on whichever replica gets the turn.
/// </summary>
public sealed class RedisScaleOutTests(RedisReplicas replicas) : IClassFixture<RedisReplicas>
{
    private readonly AgentRecAppFactory? _a = replicas.A;
    private readonly AgentRecAppFactory? _b = replicas.B;

    [Fact]
    public async Task Feedback_acknowledged_on_one_replica_notifies_the_users_connection_on_the_other()
    {
        var userId = "scale-" + Guid.NewGuid().ToString("N");
        await using var onB = await _b!.ConnectAsync();
        var notice = new TaskCompletionSource<ProfileUpdated>(TaskCreationOptions.RunContinuationsAsynchronously);
        onB.On<ProfileUpdated>(RecommendHub.ProfileUpdatedEvent, p => notice.TrySetResult(p));
        await onB.InvokeAsync("JoinUser", userId);
        await using var onA = await _a!.ConnectAsync();

        await onA.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { UserId = userId, ItemId = "2571", Signal = "like" });

        var received = await notice.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((userId, "2571", "like"), (received.UserId, received.ItemId, received.Signal));
    }

    [Fact]
    public async Task Conversation_started_on_one_replica_is_refined_on_the_other()
    {
        using var httpA = _a!.CreateHttpClient();
        using var httpB = _b!.CreateHttpClient();
        var first = await (await httpA.PostAsJsonAsync("/api/recommendations", new RecommendRequest { Message = "three comedies from the 90s" }))
            .Content.ReadFromJsonAsync<RecommendationResponse>();

        var reply = await httpB.PostAsJsonAsync("/api/recommendations", new RecommendRequest { Message = "something newer", ConversationId = first!.ConversationId });
        var second = await reply.Content.ReadFromJsonAsync<RecommendationResponse>();

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(first.ConversationId, second!.ConversationId);
        Assert.Contains("Comedy", second.Intent!.Genres);
    }

    [Fact]
    public async Task A_conversations_head_read_from_redis_is_its_owner_and_latest_turn()
    {
        var userId = "head-" + Guid.NewGuid().ToString("N");
        using var httpA = _a!.CreateHttpClient();
        using var httpB = _b!.CreateHttpClient();
        var first = await (await httpA.PostAsJsonAsync("/api/recommendations", new RecommendRequest { Message = "three comedies from the 90s", UserId = userId }))
            .Content.ReadFromJsonAsync<RecommendationResponse>();
        var id = first!.ConversationId;
        (await httpB.PostAsJsonAsync("/api/recommendations", new RecommendRequest { Message = "something newer", ConversationId = id, UserId = userId })).EnsureSuccessStatusCode();
        var store = _b.Services.GetRequiredService<IStateStore>();

        var head = await store.GetConversationHeadAsync(id!, CancellationToken.None);
        var turns = await store.GetTurnsAsync(id!, CancellationToken.None);

        Assert.IsType<RedisConversationStore>(store);
        Assert.True(head.Exists);
        Assert.Equal(userId, head.UserId);
        Assert.Equal(2, turns.Count);
        Assert.Equal(("something newer", turns[^1].Timestamp), (head.LastTurn?.Message, head.LastTurn?.Timestamp));
        Assert.False((await store.GetConversationHeadAsync("missing-" + userId, CancellationToken.None)).Exists);
    }
}

/// <summary>A redis-server child process and two service replicas configured with it, shared by the scale-out tests.</summary>
public sealed class RedisReplicas : IAsyncLifetime
{
    private Process? _redis;
    private AgentRecAppFactory? _a;
    private AgentRecAppFactory? _b;

    public AgentRecAppFactory A => _a!;

    public AgentRecAppFactory B => _b!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server)");

        // redis-server prints this line once it accepts connections.
        while (await _redis.StandardOutput.ReadLineAsync() is { } line && !line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
        }

        var redis = $"127.0.0.1:{port}";
        _a = AgentRecAppFactory.Start(0, null, b => b.UseSetting("ScaleOut:Redis", redis));
        _b = AgentRecAppFactory.Start(0, null, b => b.UseSetting("ScaleOut:Redis", redis));
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            await _redis.WaitForExitAsync();
        }

        _redis?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
