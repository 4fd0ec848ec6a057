namespace AgentRec.Core.Catalog;

/// <summary>
/// Loads a goodbooks-10k folder: books.csv (required), tags.csv (the tag vocabulary) and, when present,
/// book_tags.csv (which tags readers gave each book). Book ids are <c>book-{book_id}</c>.
/// </summary>
public static partial class GoodbooksLoader
{
    /// <summary>Prefix that keeps book ids apart from MovieLens movie ids.</summary>
    public const string IdPrefix = "book-";

    /// <summary>Loads the folder; throws <see cref="CatalogLoadException"/> only when books.csv is missing or unusable.</summary>
    public static (IReadOnlyList<CatalogItem> Items, CatalogSource Source) Load(string folder, ICollection<CatalogLoadIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(issues);
        var booksPath = Path.Combine(folder, "books.csv");
        if (!File.Exists(booksPath))
        {
            throw new CatalogLoadException($"goodbooks folder '{folder}' has no books.csv.");
        }

        var vocabulary = ReadTagVocabulary(Path.Combine(folder, "tags.csv"), issues);
        var bookTags = ReadBookTags(Path.Combine(folder, "book_tags.csv"), vocabulary, issues);

        using var reader = CsvFile.OpenReader(booksPath);
        var file = CsvFile.Open(booksPath, reader,
            "book_id", "goodreads_book_id", "authors", "original_publication_year", "title", "average_rating", "ratings_count");
        int idCol = file.Column("book_id"), grCol = file.Column("goodreads_book_id"), authorsCol = file.Column("authors"),
            yearCol = file.Column("original_publication_year"), titleCol = file.Column("title"),
            ratingCol = file.Column("average_rating"), countCol = file.Column("ratings_count");
        var originalCol = file.OptionalColumn("original_title");
        var items = new List<CatalogItem>(10_000);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            if (!file.Check(row, issues))
            {
                continue;
            }

            var bookId = row.Fields[idCol].Trim();
            if (!int.TryParse(bookId, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                issues.Add(new CatalogLoadIssue(file.Name, row.Line, $"book_id '{bookId}' is not a positive integer"));
                continue;
            }

            if (!seen.Add(bookId))
            {
                issues.Add(new CatalogLoadIssue(file.Name, row.Line, $"duplicate book_id {bookId}"));
                continue;
            }

            var rawTitle = row.Fields[titleCol].Trim();
            if (rawTitle.Length == 0)
            {
                issues.Add(new CatalogLoadIssue(file.Name, row.Line, $"book {bookId} has an empty title"));
                continue;
            }

            var (title, series) = SplitSeries(rawTitle);
            var parsed = TitleParser.Parse(title);
            var year = ParseYear(row.Fields[yearCol]);
            var authors = row.Fields[authorsCol].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var goodreadsId = row.Fields[grCol].Trim();
            var tags = new List<string>();
            IReadOnlyList<string> genres = [];
            if (series is not null)
            {
                tags.Add(series);
            }

            if (bookTags.TryGetValue(goodreadsId, out var counter))
            {
                tags.AddRange(counter.Ranked());
                genres = BookGenres.Default.Derive(counter.Counts());
            }

            _ = double.TryParse(row.Fields[ratingCol], NumberStyles.Float, CultureInfo.InvariantCulture, out var mean);
            _ = double.TryParse(row.Fields[countCol], NumberStyles.Float, CultureInfo.InvariantCulture, out var count);
            items.Add(new CatalogItem(
                IdPrefix + bookId,
                rawTitle,
                parsed.DisplayTitle,
                year,
                genres,
                tags,
                ItemText.Describe(parsed.DisplayTitle, year, genres, tags, authors, parsed.AlternateTitles),
                (int)Math.Clamp(count, 0, int.MaxValue),
                Math.Clamp(mean, 0, 5),
                ItemDomain.Book)
            {
                AlternateTitles = WithOriginalTitle(parsed, originalCol >= 0 && originalCol < row.Fields.Count ? row.Fields[originalCol] : ""),
                Creators = authors,
                ExternalIds = new Dictionary<string, string> { ["goodreads"] = goodreadsId },
            });
        }

        return (items, new CatalogSource("goodbooks-10k", folder, ItemDomain.Book, items.Count, 0, vocabulary.Count));
    }

    /// <summary>
    /// The title's alternates plus the book's original title when it is another name ("三体" for The Three-Body Problem),
    /// so a request can name a book in its own language. The item's description text stays as it was.
    /// </summary>
    private static IReadOnlyList<string> WithOriginalTitle(ParsedTitle parsed, string original)
    {
        original = original.Trim();
        var folded = TitleParser.Fold(original);
        if (original.Length == 0 || folded == TitleParser.Fold(parsed.DisplayTitle))
        {
            return parsed.AlternateTitles;
        }

        foreach (var alternate in parsed.AlternateTitles)
        {
            if (TitleParser.Fold(alternate) == folded)
            {
                return parsed.AlternateTitles;
            }
        }

        return [.. parsed.AlternateTitles, original];
    }

    /// <summary>Splits "The Hunger Games (The Hunger Games, #1)" into the title and "series: The Hunger Games #1".</summary>
    internal static (string Title, string? Series) SplitSeries(string rawTitle)
    {
        var match = SeriesPattern().Match(rawTitle);
        if (!match.Success)
        {
            return (rawTitle, null);
        }

        return (rawTitle[..match.Index].TrimEnd(), $"series: {match.Groups["name"].Value.Trim()} #{match.Groups["n"].Value}");
    }

    private static int? ParseYear(string field)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && y is > -5000 and < 3000)
        {
            return (int)y;
        }

        return null;
    }

    private static Dictionary<string, string> ReadTagVocabulary(string path, ICollection<CatalogLoadIssue> issues)
    {
        var vocabulary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in CsvFile.ReadRows(path, issues, "tag_id", "tag_name"))
        {
            vocabulary[row[0].Trim()] = row[1].Trim();
        }

        return vocabulary;
    }

    private static Dictionary<string, TagCounter> ReadBookTags(
        string path, Dictionary<string, string> vocabulary, ICollection<CatalogLoadIssue> issues)
    {
        var tags = new Dictionary<string, TagCounter>(StringComparer.Ordinal);
        foreach (var row in CsvFile.ReadRows(path, issues, "goodreads_book_id", "tag_id", "count"))
        {
            if (!vocabulary.TryGetValue(row[1].Trim(), out var name))
            {
                issues.Add(row.Issue($"tag_id '{row[1]}' is not in tags.csv"));
                continue;
            }

            if (PersonalTags.Default.IsBookShelf(name) || !int.TryParse(row[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                continue;
            }

            var book = row[0].Trim();
            if (!tags.TryGetValue(book, out var counter))
            {
                tags[book] = counter = new TagCounter();
            }

            counter.Add(name, Math.Max(n, 0));
        }

        return tags;
    }

    [GeneratedRegex(@"\((?<name>[^()]*?),?\s*#(?<n>[\d.\-]+)\)\s*$")]
    private static partial Regex SeriesPattern();
}
