using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using AgentRec.Core.Models;

namespace AgentRec.UnitTests.Models;

/// <summary>
/// `models pull` and `models verify` against a loopback HTTP server that can cut a response midway, since the
/// model hosts are out of reach here; the download, resume, checksum and install code is the real one.
/// </summary>
public sealed class ModelPullerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-models-").FullName;

    private readonly byte[] _weights = MakeBytes(300_000, seed: 7);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Cut_connection_is_resumed_with_a_range_request_and_the_file_installed_whole()
    {
        using var server = new LoopbackFileServer(_weights, cutFirstResponseAt: 100_000);
        var model = Model(server.Url, Sha(_weights));
        using var http = new HttpClient();

        await new ModelPuller(http).PullAsync(model, _folder, null, CancellationToken.None);

        Assert.Equal(_weights, await File.ReadAllBytesAsync(Path.Combine(_folder, "tiny/model.onnx")));
        Assert.Contains("bytes=100000-", server.RangeHeaders);
        Assert.False(Directory.EnumerateFiles(Path.Combine(_folder, ModelPuller.StagingFolder), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Checksum_mismatch_is_rejected_and_nothing_is_installed()
    {
        using var server = new LoopbackFileServer(_weights, cutFirstResponseAt: null);
        var model = Model(server.Url, Sha(MakeBytes(10, seed: 1)));
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<ModelPullException>(() => new ModelPuller(http).PullAsync(model, _folder, null, CancellationToken.None));

        Assert.Contains("nothing was installed", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "tiny/model.onnx")));
    }

    [Fact]
    public async Task Verify_detects_one_corrupted_byte()
    {
        using var server = new LoopbackFileServer(_weights, cutFirstResponseAt: null);
        var model = Model(server.Url, Sha(_weights));
        using var http = new HttpClient();
        await new ModelPuller(http).PullAsync(model, _folder, null, CancellationToken.None);
        var installed = Path.Combine(_folder, "tiny/model.onnx");
        var bytes = await File.ReadAllBytesAsync(installed);
        bytes[12_345] ^= 0x01;
        await File.WriteAllBytesAsync(installed, bytes);

        var status = Assert.Single(await ModelPuller.VerifyAsync(model, _folder, CancellationToken.None));

        Assert.Equal(ModelFileState.Corrupt, status.State);
    }

    [Fact]
    public async Task File_without_published_checksum_is_pinned_on_first_pull_and_verified_after()
    {
        using var server = new LoopbackFileServer(_weights, cutFirstResponseAt: null);
        var model = Model(server.Url, sha256: null);
        using var http = new HttpClient();

        await new ModelPuller(http).PullAsync(model, _folder, null, CancellationToken.None);
        var installed = Path.Combine(_folder, "tiny/model.onnx");
        var before = Assert.Single(await ModelPuller.VerifyAsync(model, _folder, CancellationToken.None)).State;
        await File.AppendAllTextAsync(installed, "x");
        var after = Assert.Single(await ModelPuller.VerifyAsync(model, _folder, CancellationToken.None)).State;

        Assert.Equal((ModelFileState.Ok, ModelFileState.Corrupt), (before, after));
    }

    [Fact]
    public async Task Pull_lists_each_installed_files_sha256_for_the_user_to_check()
    {
        using var server = new LoopbackFileServer(_weights, cutFirstResponseAt: null);
        var model = Model(server.Url, sha256: null);
        using var http = new HttpClient();

        await new ModelPuller(http).PullAsync(model, _folder, null, CancellationToken.None);

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_weights));
        Assert.Equal($"{sha}  tiny/model.onnx\n", await File.ReadAllTextAsync(ModelPuller.SumsPath(_folder, model)));
    }

    [Fact]
    public async Task Unreachable_host_names_the_url_and_how_to_place_the_file_by_hand()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackServer.FreePort()}/model.onnx");
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<ModelPullException>(() =>
            new ModelPuller(http).PullAsync(Model(closed, null), _folder, null, CancellationToken.None));

        Assert.Contains(closed.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("by hand", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_manifest_lists_the_required_models_with_licenses_and_safe_paths()
    {
        var root = Core.Catalog.DataPaths.FindRepositoryRoot()!;
        var manifest = ModelManifest.Load(Path.Combine(root, "models", "models.json"));

        foreach (var name in new[] { "multilingual-e5-small", "ms-marco-minilm-l6-v2", "phi-3.5-mini-instruct-cpu-int4", "phi-3.5-mini-instruct-cuda-int4", "qwen2.5-1.5b-instruct-cpu-int4" })
        {
            var model = manifest.Find(name);
            Assert.True(model is { License.Length: > 0 }, name);
        }

        Assert.All(manifest.Models.SelectMany(m => m.Files), f => Assert.Equal("https", f.Url.Scheme));
    }

    private static ModelEntry Model(Uri url, string? sha256) =>
        new("tiny", "embedding", null, "MIT", 4, "test", [new ModelFile("tiny/model.onnx", url, sha256, null)]);

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] MakeBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Serves one body with Range support; the first response can be cut after a number of bytes.</summary>
    private sealed class LoopbackFileServer : IDisposable
    {
        private readonly LoopbackServer _server;
        private bool _first = true;

        public LoopbackFileServer(byte[] body, int? cutFirstResponseAt) =>
            _server = new LoopbackServer("model.onnx", context => ServeAsync(context, body, cutFirstResponseAt));

        public Uri Url => _server.Url;

        public ConcurrentBag<string> RangeHeaders { get; } = [];

        public void Dispose() => _server.Dispose();

        private async Task ServeAsync(HttpListenerContext context, byte[] body, int? cutFirstResponseAt)
        {
            var from = 0;
            if (context.Request.Headers["Range"] is { } range)
            {
                RangeHeaders.Add(range);
                from = int.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
                context.Response.StatusCode = 206;
                context.Response.AddHeader("Content-Range", $"bytes {from}-{body.Length - 1}/{body.Length}");
            }

            context.Response.ContentLength64 = body.Length - from;
            try
            {
                if (_first && cutFirstResponseAt is { } cut)
                {
                    _first = false;
                    await context.Response.OutputStream.WriteAsync(body.AsMemory(from, cut - from));
                    await context.Response.OutputStream.FlushAsync();
                    context.Response.Abort();
                    return;
                }

                await context.Response.OutputStream.WriteAsync(body.AsMemory(from));
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
                // The client went away; serve the next request.
            }
        }
    }
}
