using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using StackExchange.Redis;

namespace AgentRec.IntegrationTests.ScaleOut;

/// <summary>/readyz waits for every dependency the service was configured with, the shared Redis included.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_until_the_configured_redis_is_reachable_then_200()
    {
        var port = FreePort();
        await using var app = AgentRecAppFactory.Start(0, null, b => b.UseSetting("ScaleOut:Redis", $"127.0.0.1:{port},connectTimeout=1000"));
        using var http = app.CreateHttpClient();
        var mux = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        mux.ConnectionRestored += (_, _) => connected.TrySetResult();

        using var before = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var beforeBody = await before.Content.ReadAsStringAsync();

        using var redis = StartRedis(port);
        try
        {
            if (mux.IsConnected)
            {
                connected.TrySetResult();
            }

            await connected.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // The first restored connection may be the subscriber one: a PING answered proves the command link is up.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await mux.GetDatabase().PingAsync();
                    break;
                }
                catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException && attempt < 10)
                {
                }
            }

            using var after = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
            Assert.Contains("redis", beforeBody, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync();
        }
    }

    private static Process StartRedis(int port)
    {
        var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server)");
        while (redis.StandardOutput.ReadLine() is { } line && !line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
        }

        return redis;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
