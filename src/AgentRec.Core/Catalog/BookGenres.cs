namespace AgentRec.Core.Catalog;

/// <summary>
/// Book genres derived from readers' tags by the rule Catalog/Data/book-genres.json states: the MovieLens genre names,
/// so one genre slot serves both domains ("Sci-Fi" is science-fiction shelves for books) and genres constrain book
/// answers as they do movie answers.
/// </summary>
public sealed partial class BookGenres
{
    /// <summary>The embedded rule file's name, as errors name it.</summary>
    public const string FileName = "book-genres.json";

    private static readonly Lazy<BookGenres> Embedded = new(() => Load(
        typeof(BookGenres).Assembly.GetManifestResourceStream("AgentRec.Catalog.Data." + FileName)
        ?? throw new CatalogLoadException($"{FileName}: not embedded in the assembly."), FileName));

    private readonly List<(string Genre, string[] Tags)> _genres;

    private BookGenres(int minCount, double minShare, List<(string Genre, string[] Tags)> genres)
    {
        MinCount = minCount;
        MinShare = minShare;
        _genres = genres;
    }

    /// <summary>The rule the product ships with.</summary>
    public static BookGenres Default => Embedded.Value;

    /// <summary>Applications a tag needs on a book to make it a genre of the book.</summary>
    public int MinCount { get; }

    /// <summary>The share of the book's most-applied content tag a genre tag needs.</summary>
    public double MinShare { get; }

    /// <summary>The genres of a book whose content tags were applied <paramref name="counts"/> times (shelves already left out).</summary>
    public IReadOnlyList<string> Derive(IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var top = 0;
        foreach (var (tag, count) in counts)
        {
            if (!ReadingYear().IsMatch(tag))
            {
                top = Math.Max(top, count);
            }
        }

        var needed = Math.Max(MinCount, MinShare * top);
        var genres = new List<string>();
        foreach (var (genre, tags) in _genres)
        {
            foreach (var tag in tags)
            {
                if (counts.TryGetValue(tag, out var n) && n >= needed)
                {
                    genres.Add(genre);
                    break;
                }
            }
        }

        return genres;
    }

    /// <summary>The tags that make a book one of <paramref name="genre"/>; empty for a genre the rule does not derive.</summary>
    public IReadOnlyList<string> TagsOf(string genre)
    {
        foreach (var (name, tags) in _genres)
        {
            if (string.Equals(name, genre, StringComparison.OrdinalIgnoreCase))
            {
                return tags;
            }
        }

        return [];
    }

    /// <summary>Reads a rule file; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="CatalogLoadException">The file is malformed.</exception>
    public static BookGenres Load(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var minCount = root.GetProperty("minCount").GetInt32();
            var minShare = root.GetProperty("minShare").GetDouble();
            var genres = new List<(string, string[])>();
            foreach (var genre in root.GetProperty("genres").EnumerateObject())
            {
                var tags = genre.Value.EnumerateArray().Select(t => t.GetString() ?? "").ToArray();
                if (tags.Length == 0 || tags.Any(t => t.Length == 0))
                {
                    throw new CatalogLoadException($"{name}: genre '{genre.Name}' needs a list of non-empty tags.");
                }

                genres.Add((genre.Name, tags));
            }

            return new BookGenres(minCount, minShare, genres);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            var line = ex is JsonException { LineNumber: { } l } ? $" line {l + 1}" : "";
            throw new CatalogLoadException($"{name}{line}: {ex.Message}");
        }
    }

    [GeneratedRegex(@"^(?:\d{4}|read-in-\d{4}|\d{4}-(?:reads?|books?|reading(?:-challenge)?|challenge))", RegexOptions.IgnoreCase)]
    private static partial Regex ReadingYear();
}
