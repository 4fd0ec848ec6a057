using System.Reflection;

namespace AgentRec.Core.Models;

/// <summary>
/// Finds a restored NuGet package's assembly in the global packages folder: <c>NUGET_PACKAGES</c> when set, the folder
/// this build restored into, then <c>~/.nuget/packages</c>. The packages a model comes from are restored with the
/// solution (PackageDownload in AgentRec.Core.csproj: the package alone, none of its dependencies or assemblies in the
/// build), so after <c>dotnet restore</c> they are there on any machine.
/// </summary>
public static class PackageLocator
{
    /// <summary>The folders searched, in order, without duplicates.</summary>
    public static IReadOnlyList<string> DefaultRoots()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } env)
        {
            roots.Add(env);
        }

        var built = typeof(PackageLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        if (built is { Length: > 0 })
        {
            roots.Add(built);
        }

        roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        return [.. roots.Select(r => Path.GetFullPath(r)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The path of <paramref name="package"/>'s assembly under the first root holding it; null when none does.</summary>
    public static string? Find(ModelPackage package, IEnumerable<string>? roots = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        foreach (var root in roots ?? DefaultRoots())
        {
            var path = Path.Combine(root, package.Id.ToLowerInvariant(), package.Version.ToLowerInvariant(), package.Assembly);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
