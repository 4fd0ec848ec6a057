using System.IO.Compression;
using AgentRec.Core.Catalog;

namespace AgentRec.UnitTests.Catalog;

/// <summary>
/// `data pull` against a mirror on loopback (an HttpListener serving a zip made from the shared release), since
/// the official address is out of reach here; the download, checksum and unpack code is the real one.
/// </summary>
public sealed class DataPullerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-pull-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Pull_downloads_verifies_and_unpacks_the_release()
    {
        var zip = MakeZip(corrupt: false);
        using var mirror = LoopbackMirror(zip);
        using var http = new HttpClient();

        var folder = await new DataPuller(http).PullAsync(DataSets.MovieLens, Path.Combine(_folder, "cache"), mirror.Url, null, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(folder, "movies.csv")));
        var (items, ratings, _) = MovieLensLoader.Load(folder, new List<CatalogLoadIssue>());
        Assert.Equal(9_742, items.Count);
        Assert.Equal(100_836, ratings.Count);
    }

    [Fact]
    public async Task Corrupt_download_is_refused_and_leaves_no_catalog_behind()
    {
        var zip = MakeZip(corrupt: true);
        using var mirror = LoopbackMirror(zip);
        using var http = new HttpClient();
        var cache = Path.Combine(_folder, "cache");

        var ex = await Assert.ThrowsAsync<DataPullException>(() =>
            new DataPuller(http).PullAsync(DataSets.MovieLens, cache, mirror.Url, null, CancellationToken.None));

        Assert.Contains("ratings.csv", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cache, "ml-latest-small")));
        Assert.Empty(Directory.GetDirectories(cache));
    }

    [Fact]
    public async Task Unreachable_source_is_a_clear_error()
    {
        using var http = new HttpClient();
        var closed = new Uri($"http://127.0.0.1:{LoopbackServer.FreePort()}/ml-latest-small.zip");

        var ex = await Assert.ThrowsAsync<DataPullException>(() =>
            new DataPuller(http).PullAsync(DataSets.MovieLens, Path.Combine(_folder, "cache"), closed, null, CancellationToken.None));

        Assert.Contains("Cannot reach", ex.Message, StringComparison.Ordinal);
    }

    private string MakeZip(bool corrupt)
    {
        var source = DataPaths.FindShared("data/ml-latest-small") ?? throw new InvalidOperationException("shared/data/ml-latest-small is missing");
        var path = Path.Combine(_folder, corrupt ? "bad.zip" : "good.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var file in DataSets.MovieLens.Files)
        {
            var entry = zip.CreateEntry($"ml-latest-small/{file.Name}");
            using var target = entry.Open();
            using var input = File.OpenRead(Path.Combine(source, file.Name));
            input.CopyTo(target);
            if (corrupt && file.Name == "ratings.csv")
            {
                target.Write("1,1,5.0,1\n"u8);
            }
        }

        return path;
    }

    /// <summary>Serves <paramref name="file"/> at a loopback address until disposed.</summary>
    private static LoopbackServer LoopbackMirror(string file) =>
        new("ml-latest-small.zip", async context =>
        {
            var bytes = await File.ReadAllBytesAsync(file);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        });
}
