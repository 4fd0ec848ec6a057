namespace AgentRec.Core.Catalog;

/// <summary>
/// Finds the project's shared folder and the user's cache: walks up from a start folder to the one holding
/// AgentRec.sln, then looks at ../shared beside it.
/// </summary>
public static class DataPaths
{
    /// <summary>The solution file that marks the repository root.</summary>
    public const string SolutionFileName = "AgentRec.sln";

    /// <summary>The repository root above the current directory or the app's base directory, or null when neither is inside one.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in (ReadOnlySpan<string>)[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>models/trained/<paramref name="name"/> under <paramref name="root"/>: where training writes a model and the service looks for it first.</summary>
    public static string TrainedModelPath(string root, string name) => Path.Combine(root, "models", "trained", name);

    /// <summary>models/trained/<paramref name="name"/> under the repository root, or null outside a repository.</summary>
    public static string? FindTrainedModelPath(string name) => FindRepositoryRoot() is { } root ? TrainedModelPath(root, name) : null;

    /// <summary>The shared/ folder beside the repository root, when it exists.</summary>
    public static string? FindSharedFolder()
    {
        var root = FindRepositoryRoot();
        if (root is null)
        {
            return null;
        }

        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }

    /// <summary>A path under shared/ (e.g. "data/ml-latest-small") when it exists.</summary>
    public static string? FindShared(string relative)
    {
        var shared = FindSharedFolder();
        if (shared is null)
        {
            return null;
        }

        var path = Path.Combine(shared, relative);
        return Directory.Exists(path) || File.Exists(path) ? path : null;
    }

    /// <summary>$XDG_CACHE_HOME/agentrec, or ~/.cache/agentrec.</summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = xdg is { Length: > 0 }
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "agentrec");
    }

    /// <summary>$XDG_DATA_HOME/agentrec, or ~/.local/share/agentrec: where state lives by default.</summary>
    public static string DefaultDataDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDir = xdg is { Length: > 0 }
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(baseDir, "agentrec");
    }
}
