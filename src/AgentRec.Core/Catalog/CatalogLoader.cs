using Microsoft.Extensions.Logging.Abstractions;

namespace AgentRec.Core.Catalog;

/// <summary>
/// Resolves the catalog folders (configuration, then shared/ beside the repository, then the data cache),
/// loads every source and logs what was loaded and what was skipped.
/// </summary>
public sealed partial class CatalogLoader(IOptions<CatalogOptions> options, ILogger<CatalogLoader>? logger = null)
{
    /// <summary>Folder name of the MovieLens small release in shared/data and in the cache.</summary>
    public const string MovieLensFolderName = "ml-latest-small";

    /// <summary>Folder name of goodbooks-10k in shared/data and in the cache.</summary>
    public const string GoodbooksFolderName = "goodbooks-10k";

    private readonly CatalogOptions _options = options.Value;
    private readonly ILogger _logger = logger ?? NullLogger<CatalogLoader>.Instance;

    /// <summary>The MovieLens folder that will be loaded, and how it was found; null when there is none.</summary>
    public (string Path, string Origin)? ResolveMovieLens() =>
        Resolve(_options.MovieLensPath, "Catalog:MovieLensPath", MovieLensFolderName, "movies.csv");

    /// <summary>The goodbooks folder that will be loaded, and how it was found; null when there is none.</summary>
    public (string Path, string Origin)? ResolveGoodbooks() =>
        Resolve(_options.GoodbooksPath, "Catalog:GoodbooksPath", GoodbooksFolderName, "books.csv");

    /// <summary>Loads every source; throws <see cref="CatalogLoadException"/> with the remedy when no catalog can be found.</summary>
    public LoadedCatalog Load()
    {
        var issues = new List<CatalogLoadIssue>();
        var items = new List<CatalogItem>();
        var sources = new List<CatalogSource>();
        IReadOnlyList<RatingEvent> ratings = [];

        var movies = ResolveMovieLens() ?? throw new CatalogLoadException(
            $"No MovieLens catalog found: set {CatalogOptions.SectionName}:MovieLensPath, place shared/data/{MovieLensFolderName} " +
            $"beside the repository, or run `agentrec data pull movielens` to download it into {_options.ResolveCacheDirectory()}.");
        var ml = MovieLensLoader.Load(movies.Path, issues);
        items.AddRange(ml.Items);
        ratings = ml.Ratings;
        sources.Add(ml.Source);
        LogSourceLoaded(_logger, ml.Source.Name, movies.Path, movies.Origin, ml.Source.Items, ml.Source.Ratings, ml.Source.Tags);

        if (_options.IncludeBooks)
        {
            if (ResolveGoodbooks() is { } books)
            {
                var gb = GoodbooksLoader.Load(books.Path, issues);
                items.AddRange(gb.Items);
                sources.Add(gb.Source);
                LogSourceLoaded(_logger, gb.Source.Name, books.Path, books.Origin, gb.Source.Items, 0, gb.Source.Tags);
            }
            else
            {
                var cache = _options.ResolveCacheDirectory();
                LogBooksMissing(_logger, cache);
            }
        }

        foreach (var issue in issues.Take(20))
        {
            LogIssue(_logger, issue.File, issue.Line, issue.Message);
        }

        if (issues.Count > 0)
        {
            LogIssueCount(_logger, issues.Count);
            if (_options.Strict)
            {
                throw new CatalogLoadException($"{issues.Count} malformed row(s); first: {issues[0]}");
            }

            if (issues.Count > _options.MaxIssues)
            {
                throw new CatalogLoadException(
                    $"{issues.Count} malformed rows exceed {CatalogOptions.SectionName}:MaxIssues={_options.MaxIssues}; first: {issues[0]}");
            }
        }

        var loaded = new LoadedCatalog(new ItemCatalog(items), ratings, sources, issues);
        int movieCount = loaded.Catalog.CountOf(ItemDomain.Movie), bookCount = loaded.Catalog.CountOf(ItemDomain.Book);
        LogCatalogLoaded(_logger, loaded.Catalog.Count, movieCount, bookCount, loaded.UserCount, loaded.Ratings.Count);
        return loaded;
    }

    private (string Path, string Origin)? Resolve(string? configured, string key, string folderName, string requiredFile)
    {
        if (configured is { Length: > 0 })
        {
            var full = Path.GetFullPath(configured);
            if (!File.Exists(Path.Combine(full, requiredFile)))
            {
                throw new CatalogLoadException($"{key} is '{configured}', but {Path.Combine(full, requiredFile)} does not exist.");
            }

            return (full, "configuration " + key);
        }

        if (DataPaths.FindShared(Path.Combine("data", folderName)) is { } shared && File.Exists(Path.Combine(shared, requiredFile)))
        {
            return (shared, "shared/data beside the repository");
        }

        var cached = Path.Combine(_options.ResolveCacheDirectory(), folderName);
        return File.Exists(Path.Combine(cached, requiredFile)) ? (cached, "data cache") : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Source} from {Path} ({Origin}): {Items} items, {Ratings} ratings, {Tags} tags")]
    private static partial void LogSourceLoaded(ILogger logger, string source, string path, string origin, int items, int ratings, int tags);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog ready: {Items} items ({Movies} movies, {Books} books), {Users} users, {Ratings} ratings")]
    private static partial void LogCatalogLoaded(ILogger logger, int items, int movies, int books, int users, int ratings);

    [LoggerMessage(Level = LogLevel.Information, Message = "No goodbooks-10k folder found; books are not loaded (run `agentrec data pull goodbooks` to fetch them into {Cache})")]
    private static partial void LogBooksMissing(ILogger logger, string cache);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped malformed row {File}:{Line}: {Message}")]
    private static partial void LogIssue(ILogger logger, string file, int line, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} malformed row(s) were skipped while loading the catalog")]
    private static partial void LogIssueCount(ILogger logger, int count);
}
