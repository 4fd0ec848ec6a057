namespace AgentRec.Core.Catalog;

/// <summary>Where the catalog comes from. Section <c>Catalog</c>.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>A MovieLens-format folder. When unset: shared/data/ml-latest-small beside the repository, then the data cache.</summary>
    public string? MovieLensPath { get; set; }

    /// <summary>A goodbooks-10k folder. When unset: shared/data/goodbooks-10k beside the repository, then the data cache.</summary>
    public string? GoodbooksPath { get; set; }

    /// <summary>
    /// Directors and cast of MovieLens movies (movie_people.csv). When unset: extras/movie_people.csv beside the MovieLens
    /// folder, then shared/data/extras; read where it lies, never copied (it is not the project's to redistribute).
    /// </summary>
    public string? MoviePeoplePath { get; set; }

    /// <summary>Load books as well as movies.</summary>
    public bool IncludeBooks { get; set; } = true;

    /// <summary>Folder that <c>agentrec data pull</c> downloads into. Defaults to $XDG_CACHE_HOME/agentrec (~/.cache/agentrec).</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Stop when any row is malformed, instead of skipping and reporting it.</summary>
    public bool Strict { get; set; }

    /// <summary>The most malformed rows tolerated before the load is refused (a file that is mostly garbage is not a catalog).</summary>
    [Range(0, int.MaxValue)]
    public int MaxIssues { get; set; } = 1000;

    /// <summary>The cache folder in use.</summary>
    public string ResolveCacheDirectory() =>
        CacheDirectory is { Length: > 0 } dir ? dir : DataPaths.DefaultCacheDirectory();
}
