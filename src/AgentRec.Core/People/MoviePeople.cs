using AgentRec.Core.Catalog;

namespace AgentRec.Core.People;

/// <summary>Directors and leading cast of MovieLens movies, by movieId (shared/data/extras/movie_people.csv).</summary>
/// <param name="Path">Where the facts were read from.</param>
/// <param name="ByMovieId">Directors and cast per movieId.</param>
public sealed record MoviePeople(string Path, IReadOnlyDictionary<string, (string[] Directors, string[] Cast)> ByMovieId)
{
    /// <summary>The file's name in the extras folder.</summary>
    public const string FileName = "movie_people.csv";

    /// <summary>
    /// Reads the facts file (columns movieId, title, directors, cast, sources; names separated by ';'). The file is
    /// not the project's to redistribute, so it is read where it lies and never copied.
    /// </summary>
    public static MoviePeople Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = CsvFile.OpenReader(path);
        var csv = CsvFile.Open(path, reader, "movieId", "directors", "cast");
        int id = csv.Column("movieId"), directors = csv.Column("directors"), cast = csv.Column("cast");
        var byId = new Dictionary<string, (string[], string[])>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            if (row.Error is not null || row.Fields.Count <= Math.Max(id, Math.Max(directors, cast)))
            {
                continue;
            }

            byId[row.Fields[id].Trim()] = (Split(row.Fields[directors]), Split(row.Fields[cast]));
        }

        return new MoviePeople(path, byId);
    }

    /// <summary>
    /// The facts file for a catalog: <paramref name="configured"/> when set, else extras/movie_people.csv beside the
    /// MovieLens folder, else under shared/data/extras; null when there is none.
    /// </summary>
    public static string? Locate(string? configured, string? movieLensFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        if (movieLensFolder is not null)
        {
            var beside = System.IO.Path.GetFullPath(System.IO.Path.Combine(movieLensFolder, "..", "extras", FileName));
            if (File.Exists(beside))
            {
                return beside;
            }
        }

        return DataPaths.FindShared(System.IO.Path.Combine("data", "extras", FileName));
    }

    private static string[] Split(string names) =>
        names.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
