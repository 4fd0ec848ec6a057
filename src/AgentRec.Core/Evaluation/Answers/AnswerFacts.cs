using AgentRec.Core.Catalog;

namespace AgentRec.Core.Evaluation.Answers;

/// <summary>Movie or book, as the judge reads the catalog files.</summary>
public enum JudgedDomain
{
    Movie,
    Book,
}

/// <summary>
/// One catalog item as the answer judge sees it, read straight from the catalog files (never from what the service
/// says about the item).
/// </summary>
/// <param name="Id">The service's item id: the MovieLens movieId, or <c>book-{book_id}</c>.</param>
/// <param name="Titles">The title as the file writes it, and for books the original title too.</param>
/// <param name="Year">The year in the movie title or the book's original publication year.</param>
/// <param name="Genres">MovieLens genres; empty for books.</param>
/// <param name="Tags">MovieLens user tags, or goodbooks tags applied at least <see cref="AnswerFacts.MinBookTagCount"/> times.</param>
/// <param name="Authors">The goodbooks authors field; null for movies.</param>
/// <param name="Ratings">MovieLens rating count, or goodbooks ratings_count.</param>
/// <param name="MeanRating">Mean MovieLens rating, or goodbooks average_rating.</param>
public sealed record JudgedItem(
    string Id,
    JudgedDomain Domain,
    IReadOnlyList<string> Titles,
    int? Year,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> Tags,
    string? Authors,
    int Ratings,
    double MeanRating)
{
    /// <summary>The title as the file writes it.</summary>
    public string Title => Titles[0];
}

/// <summary>The catalog facts the answer judge reads: MovieLens (movies, ratings, tags) and goodbooks (books, book tags).</summary>
public sealed partial class AnswerFacts
{
    /// <summary>How often readers must have given a book a tag for the <c>booktag</c> leaf to see it.</summary>
    public const int MinBookTagCount = 20;

    private readonly Dictionary<string, JudgedItem> _items;

    private AnswerFacts(Dictionary<string, JudgedItem> items, bool hasBookTags)
    {
        _items = items;
        HasBookTags = hasBookTags;
    }

    /// <summary>Every item, movies then books.</summary>
    public IEnumerable<JudgedItem> Items => _items.Values;

    /// <summary>True when book_tags.csv was there, so the <c>booktag</c> leaf can match.</summary>
    public bool HasBookTags { get; }

    /// <summary>The item with the service's id, or null when the catalog files hold no such item.</summary>
    public JudgedItem? Find(string id) => _items.GetValueOrDefault(id);

    /// <summary>Builds facts from items (tests, and callers holding their own catalog files).</summary>
    public static AnswerFacts From(IEnumerable<JudgedItem> items, bool hasBookTags = true) =>
        new(items.ToDictionary(i => i.Id, StringComparer.Ordinal), hasBookTags);

    /// <summary>
    /// Reads a MovieLens folder (movies.csv and ratings.csv required, tags.csv when present) and, when given, a goodbooks
    /// folder (books.csv required, book_tags.csv with tags.csv when present).
    /// </summary>
    /// <exception cref="CatalogLoadException">A required file is missing or a row cannot be read; the message names file and line.</exception>
    public static AnswerFacts Load(string movieLensFolder, string? goodbooksFolder)
    {
        ArgumentNullException.ThrowIfNull(movieLensFolder);
        var items = new Dictionary<string, JudgedItem>(StringComparer.Ordinal);
        LoadMovies(movieLensFolder, items);
        var hasBookTags = false;
        if (goodbooksFolder is not null)
        {
            hasBookTags = LoadBooks(goodbooksFolder, items);
        }

        return new AnswerFacts(items, hasBookTags);
    }

    private static void LoadMovies(string folder, Dictionary<string, JudgedItem> items)
    {
        var counts = new Dictionary<string, (int Count, double Sum)>(StringComparer.Ordinal);
        foreach (var (line, fields) in Read(Required(folder, "ratings.csv"), "movieId", "rating"))
        {
            var rating = Double(fields[1], "ratings.csv", line, "rating");
            var (count, sum) = counts.GetValueOrDefault(fields[0]);
            counts[fields[0]] = (count + 1, sum + rating);
        }

        var tags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var tagsPath = Path.Combine(folder, "tags.csv");
        if (File.Exists(tagsPath))
        {
            foreach (var (_, fields) in Read(tagsPath, "movieId", "tag"))
            {
                if (!tags.TryGetValue(fields[0], out var list))
                {
                    tags[fields[0]] = list = [];
                }

                list.Add(fields[1]);
            }
        }

        foreach (var (_, fields) in Read(Required(folder, "movies.csv"), "movieId", "title", "genres"))
        {
            var id = fields[0];
            var (count, sum) = counts.GetValueOrDefault(id);
            var genres = fields[2] == "(no genres listed)"
                ? []
                : fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var year = MovieYear().Match(fields[1]) is { Success: true } m
                ? int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)
                : (int?)null;
            items[id] = new JudgedItem(id, JudgedDomain.Movie, [fields[1]], year, genres,
                tags.TryGetValue(id, out var t) ? t : [], null, count, count > 0 ? sum / count : 0);
        }
    }

    private static bool LoadBooks(string folder, Dictionary<string, JudgedItem> items)
    {
        var tagNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var bookTags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var bookTagsPath = Path.Combine(folder, "book_tags.csv");
        var hasBookTags = File.Exists(bookTagsPath);
        if (hasBookTags)
        {
            foreach (var (_, fields) in Read(Required(folder, "tags.csv"), "tag_id", "tag_name"))
            {
                tagNames[fields[0]] = fields[1];
            }

            foreach (var (line, fields) in Read(bookTagsPath, "goodreads_book_id", "tag_id", "count"))
            {
                if (Double(fields[2], "book_tags.csv", line, "count") < MinBookTagCount || !tagNames.TryGetValue(fields[1], out var name))
                {
                    continue;
                }

                if (!bookTags.TryGetValue(fields[0], out var list))
                {
                    bookTags[fields[0]] = list = [];
                }

                list.Add(name);
            }
        }

        foreach (var (line, fields) in Read(Required(folder, "books.csv"),
                     "book_id", "goodreads_book_id", "authors", "original_publication_year", "original_title", "title", "average_rating", "ratings_count"))
        {
            var id = GoodbooksLoader.IdPrefix + fields[0];
            var year = double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ? (int)y : (int?)null;
            var titles = fields[4].Length > 0 && fields[4] != fields[5] ? new[] { fields[5], fields[4] } : [fields[5]];
            items[id] = new JudgedItem(id, JudgedDomain.Book, titles, year, [],
                bookTags.TryGetValue(fields[1], out var t) ? t : [], fields[2],
                (int)Double(fields[7], "books.csv", line, "ratings_count"), Double(fields[6], "books.csv", line, "average_rating"));
        }

        return hasBookTags;
    }

    private static string Required(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path)
            ? path
            : throw new CatalogLoadException($"the answer judge needs {file}, which is not in '{folder}'.");
    }

    private static double Double(string text, string file, int line, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CatalogLoadException($"{file} line {line}: {column} '{text}' is not a number.");

    /// <summary>The rows of a CSV file as the named columns, with their line numbers.</summary>
    private static IEnumerable<(int Line, string[] Fields)> Read(string path, params string[] columns)
    {
        using var reader = CsvFile.OpenReader(path);
        var file = CsvFile.Open(path, reader, columns);
        var indexes = columns.Select(file.Column).ToArray();
        foreach (var row in file.Rows)
        {
            if (row.Error is not null || row.Fields.Count < file.ColumnCount)
            {
                throw new CatalogLoadException($"{file.Name} line {row.Line}: {row.Error ?? "too few fields"}.");
            }

            var fields = new string[indexes.Length];
            for (var i = 0; i < indexes.Length; i++)
            {
                fields[i] = row.Fields[indexes[i]].Trim();
            }

            yield return (row.Line, fields);
        }
    }

    [GeneratedRegex(@"\((\d{4})(?:[–-]\d{0,4})?\)\s*$")]
    private static partial Regex MovieYear();
}
