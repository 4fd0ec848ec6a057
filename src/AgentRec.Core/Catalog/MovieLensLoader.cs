namespace AgentRec.Core.Catalog;

/// <summary>
/// Loads a MovieLens-format folder (movies.csv required; ratings.csv, tags.csv, links.csv when present)
/// into catalog items and rating events. Bad rows are reported with file and line and skipped.
/// </summary>
public static class MovieLensLoader
{
    /// <summary>Loads the folder; throws <see cref="CatalogLoadException"/> only when movies.csv is missing or unusable.</summary>
    public static (IReadOnlyList<CatalogItem> Items, IReadOnlyList<RatingEvent> Ratings, CatalogSource Source) Load(
        string folder, ICollection<CatalogLoadIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(issues);
        var moviesPath = Path.Combine(folder, "movies.csv");
        if (!File.Exists(moviesPath))
        {
            throw new CatalogLoadException($"MovieLens folder '{folder}' has no movies.csv.");
        }

        var movies = ReadMovies(moviesPath, issues);
        var ratings = ReadRatings(Path.Combine(folder, "ratings.csv"), movies, issues);
        var tags = ReadTags(Path.Combine(folder, "tags.csv"), movies, issues, out var tagCount);
        var links = ReadLinks(Path.Combine(folder, "links.csv"), movies, issues);

        var stats = new Dictionary<string, (int Count, double Sum)>(movies.Count, StringComparer.Ordinal);
        foreach (var r in ratings)
        {
            stats.TryGetValue(r.ItemId, out var s);
            stats[r.ItemId] = (s.Count + 1, s.Sum + r.Rating);
        }

        var items = new List<CatalogItem>(movies.Count);
        foreach (var (id, movie) in movies)
        {
            stats.TryGetValue(id, out var s);
            var itemTags = tags.TryGetValue(id, out var t) ? t.Ranked() : [];
            var parsed = movie.Title;
            items.Add(new CatalogItem(
                id,
                movie.Raw,
                parsed.DisplayTitle,
                parsed.Year,
                movie.Genres,
                itemTags,
                ItemText.Describe(parsed.DisplayTitle, parsed.Year, movie.Genres, itemTags, [], parsed.AlternateTitles),
                s.Count,
                s.Count == 0 ? 0 : Math.Round(s.Sum / s.Count, 4),
                ItemDomain.Movie)
            {
                AlternateTitles = parsed.AlternateTitles,
                ExternalIds = links.TryGetValue(id, out var l) ? l : new Dictionary<string, string>(),
                Topics = MovieTopics.Default.Of(id),
            });
        }

        return (items, ratings, new CatalogSource("movielens", folder, ItemDomain.Movie, items.Count, ratings.Count, tagCount));
    }

    /// <summary>Splits a MovieLens genre field ("Adventure|Children") into names; "(no genres listed)" is none.</summary>
    public static IReadOnlyList<string> SplitGenres(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Length == 0 || field.Equals("(no genres listed)", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return field.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    private sealed record Movie(string Raw, ParsedTitle Title, IReadOnlyList<string> Genres);

    private static Dictionary<string, Movie> ReadMovies(string path, ICollection<CatalogLoadIssue> issues)
    {
        var movies = new Dictionary<string, Movie>(StringComparer.Ordinal);
        foreach (var row in CsvFile.ReadRows(path, issues, "movieId", "title", "genres"))
        {
            var id = row[0].Trim();
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                issues.Add(row.Issue($"movieId '{id}' is not a positive integer"));
                continue;
            }

            var raw = row[1].Trim();
            if (raw.Length == 0)
            {
                issues.Add(row.Issue($"movie {id} has an empty title"));
                continue;
            }

            if (!movies.TryAdd(id, new Movie(raw, TitleParser.Parse(raw), SplitGenres(row[2]))))
            {
                issues.Add(row.Issue($"duplicate movieId {id}"));
            }
        }

        return movies;
    }

    private static List<RatingEvent> ReadRatings(string path, Dictionary<string, Movie> movies, ICollection<CatalogLoadIssue> issues)
    {
        var ratings = new List<RatingEvent>();
        var userIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in CsvFile.ReadRows(path, issues, "userId", "movieId", "rating", "timestamp"))
        {
            var user = row[0].Trim();
            var movie = row[1].Trim();
            if (user.Length == 0)
            {
                issues.Add(row.Issue("empty userId"));
                continue;
            }

            if (!movies.ContainsKey(movie))
            {
                issues.Add(row.Issue($"movieId '{movie}' is not in movies.csv"));
                continue;
            }

            if (!float.TryParse(row[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating)
                || rating is < 0 or > 10 || float.IsNaN(rating))
            {
                issues.Add(row.Issue($"rating '{row[2]}' is not a number in 0..10"));
                continue;
            }

            if (!long.TryParse(row[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts))
            {
                issues.Add(row.Issue($"timestamp '{row[3]}' is not an integer"));
                continue;
            }

            // One string instance per user keeps 100k events from holding 100k copies of the same id.
            if (!userIds.TryGetValue(user, out var interned))
            {
                userIds[user] = interned = user;
            }

            ratings.Add(new RatingEvent(interned, movie, rating, ts));
        }

        return ratings;
    }

    private static Dictionary<string, TagCounter> ReadTags(
        string path, Dictionary<string, Movie> movies, ICollection<CatalogLoadIssue> issues, out int count)
    {
        count = 0;
        var tags = new Dictionary<string, TagCounter>(StringComparer.Ordinal);
        foreach (var row in CsvFile.ReadRows(path, issues, "movieId", "tag"))
        {
            var movie = row[0].Trim();
            var tag = row[1].Trim();
            if (!movies.ContainsKey(movie))
            {
                issues.Add(row.Issue($"movieId '{movie}' is not in movies.csv"));
                continue;
            }

            if (tag.Length == 0 || PersonalTags.Default.IsMovieHousekeeping(tag))
            {
                continue;
            }

            if (!tags.TryGetValue(movie, out var counter))
            {
                tags[movie] = counter = new TagCounter();
            }

            counter.Add(tag);
            count++;
        }

        return tags;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadLinks(
        string path, Dictionary<string, Movie> movies, ICollection<CatalogLoadIssue> issues)
    {
        var links = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var row in CsvFile.ReadRows(path, issues, "movieId", "imdbId", "tmdbId"))
        {
            var movie = row[0].Trim();
            if (!movies.ContainsKey(movie))
            {
                issues.Add(row.Issue($"movieId '{movie}' is not in movies.csv"));
                continue;
            }

            var ids = new Dictionary<string, string>(2, StringComparer.Ordinal);
            if (row[1].Trim() is { Length: > 0 } imdb)
            {
                ids["imdb"] = "tt" + imdb;
            }

            if (row[2].Trim() is { Length: > 0 } tmdb)
            {
                ids["tmdb"] = tmdb;
            }

            links[movie] = ids;
        }

        return links;
    }
}
