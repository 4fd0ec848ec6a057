using System.IO.Compression;
using System.Security.Cryptography;

namespace AgentRec.Core.Catalog;

/// <summary>A download that failed or produced files other than the expected release.</summary>
public sealed class DataPullException : Exception
{
    public DataPullException()
    {
    }

    public DataPullException(string message)
        : base(message)
    {
    }

    public DataPullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Progress of a pull: the stage, bytes done, and bytes expected when known.</summary>
public readonly record struct PullProgress(string Stage, long Done, long? Total);

/// <summary>
/// Downloads a data set into the cache, verifies every file's sha256 against the known release, and only then
/// moves it into place, so a half-finished or tampered download never becomes the catalog.
/// </summary>
public sealed class DataPuller(HttpClient http)
{
    /// <summary>Pulls <paramref name="dataSet"/> into <paramref name="cacheDirectory"/>/{folder}; returns that folder.</summary>
    /// <param name="sourceOverride">Another address to fetch from (a mirror), in place of the official one.</param>
    public async Task<string> PullAsync(
        DataSet dataSet, string cacheDirectory, Uri? sourceOverride, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        Directory.CreateDirectory(cacheDirectory);
        var target = Path.Combine(cacheDirectory, dataSet.Folder);
        var staging = Path.Combine(cacheDirectory, $".{dataSet.Folder}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var source = sourceOverride ?? dataSet.Url;
            if (dataSet.IsZip)
            {
                var zipPath = Path.Combine(staging, "download.zip");
                await DownloadAsync(source, zipPath, progress, cancellationToken).ConfigureAwait(false);
                progress?.Report(new PullProgress("unpacking", 0, null));
                await ExtractAsync(zipPath, dataSet, staging, cancellationToken).ConfigureAwait(false);
                File.Delete(zipPath);
            }
            else
            {
                foreach (var file in dataSet.Files)
                {
                    await DownloadAsync(new Uri(source, file.Name), Path.Combine(staging, file.Name), progress, cancellationToken).ConfigureAwait(false);
                }
            }

            progress?.Report(new PullProgress("verifying", 0, null));
            await VerifyAsync(dataSet, staging, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Checks that <paramref name="folder"/> holds every file of the data set with its release checksum.</summary>
    public static async Task VerifyAsync(DataSet dataSet, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        foreach (var file in dataSet.Files)
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path))
            {
                throw new DataPullException($"{dataSet.Name}: {file.Name} is missing from the download.");
            }

            await using var stream = File.OpenRead(path);
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (!string.Equals(hash, file.Sha256, StringComparison.Ordinal))
            {
                throw new DataPullException(
                    $"{dataSet.Name}: {file.Name} has sha256 {hash}, expected {file.Sha256}; the download is corrupt or not the known release.");
            }
        }
    }

    private async Task DownloadAsync(Uri url, string path, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new DataPullException($"Cannot reach {url}: {ex.Message}. Check the network, or pass --source with a reachable mirror.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DataPullException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var total = response.Content.Headers.ContentLength;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var file = File.Create(path);
            var buffer = new byte[1 << 16];
            long done = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                done += read;
                progress?.Report(new PullProgress(Path.GetFileName(url.AbsolutePath), done, total));
            }
        }
    }

    private static async Task ExtractAsync(string zipPath, DataSet dataSet, string staging, CancellationToken cancellationToken)
    {
        await using var zip = await ZipFile.OpenReadAsync(zipPath, cancellationToken).ConfigureAwait(false);
        foreach (var file in dataSet.Files)
        {
            // Entries are read by their expected names only, so no entry can write outside the staging folder.
            var entry = zip.GetEntry($"{dataSet.Folder}/{file.Name}") ?? zip.GetEntry(file.Name)
                ?? throw new DataPullException($"{dataSet.Name}: the archive has no {dataSet.Folder}/{file.Name}.");
            await entry.ExtractToFileAsync(Path.Combine(staging, file.Name), overwrite: true, cancellationToken).ConfigureAwait(false);
        }
    }
}
