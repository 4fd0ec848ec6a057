using System.Net;
using System.Net.Sockets;

namespace AgentRec.UnitTests;

/// <summary>An HTTP server on a free loopback port that answers every request with <c>handle</c>, until disposed.</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    /// <summary>Starts serving; <see cref="Url"/> names <paramref name="path"/> on the server.</summary>
    public LoopbackServer(string path, Func<HttpListenerContext, Task> handle)
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/{path}");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                await handle(context);
            }
        });
    }

    public Uri Url { get; }

    /// <summary>A loopback port nothing listens on (a closed address for tests of unreachable servers).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
