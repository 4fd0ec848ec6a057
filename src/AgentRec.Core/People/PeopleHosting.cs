using AgentRec.Core.Catalog;

namespace AgentRec.Core.People;

/// <summary>Builds the <see cref="PeopleIndex"/> at start-up and says what it holds and what is missing.</summary>
public static partial class PeopleHosting
{
    /// <summary>
    /// Loads the curated people and studios (a malformed file stops start-up with its file and line), reads the movie
    /// facts file where it lies (never copied; when absent, one line says what is lost), indexes the catalog, and
    /// lists the curated names the catalog holds nothing for.
    /// </summary>
    public static PeopleIndex CreateIndex(LoadedCatalog loaded, CatalogOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var knowledge = PeopleKnowledge.Default;
        if (!string.IsNullOrWhiteSpace(options.MoviePeoplePath) && !File.Exists(options.MoviePeoplePath))
        {
            // A path set on purpose that is wrong is a configuration error, not a reason to answer with less.
            throw new InvalidOperationException(
                $"{CatalogOptions.SectionName}:MoviePeoplePath is set to '{options.MoviePeoplePath}', which does not exist; fix it or remove the setting.");
        }

        var movieLens = loaded.Sources.FirstOrDefault(s => s.Domain == ItemDomain.Movie)?.Folder;
        MoviePeople? moviePeople = null;
        if (MoviePeople.Locate(options.MoviePeoplePath, movieLens) is { } path)
        {
            moviePeople = MoviePeople.Load(path);
            LogMoviePeople(logger, moviePeople.ByMovieId.Count, path);
        }
        else if (loaded.Catalog.CountOf(ItemDomain.Movie) > 0)
        {
            LogNoMoviePeople(logger, MoviePeople.FileName);
        }

        var index = new PeopleIndex(loaded.Catalog, knowledge, moviePeople);
        var missing = index.MissingTargets();
        LogKnowledge(logger, knowledge.People.Count, knowledge.Studios.Count, missing.Count, missing.Count == 0 ? "none" : string.Join(", ", missing));
        return index;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "People: directors and cast of {Movies} movies read from {Path}")]
    private static partial void LogMoviePeople(ILogger logger, int movies, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "People: no {File} found (set Catalog:MoviePeoplePath or place it in shared/data/extras); movies are matched to directors and actors by their tags only, so most films by a named director or actor are not found")]
    private static partial void LogNoMoviePeople(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "People: {People} curated people and {Studios} studios; {Missing} the catalog holds nothing for: {Names}")]
    private static partial void LogKnowledge(ILogger logger, int people, int studios, int missing, string names);
}
