namespace AgentRec.Core.Catalog;

/// <summary>
/// Tags a person gives their own copy or queue ("to-read", "In Netflix queue"), not the work, as
/// Catalog/Data/personal-tags.json lists them: the loaders leave them out of an item's tags.
/// </summary>
public sealed class PersonalTags
{
    /// <summary>The embedded file's name, as errors name it.</summary>
    public const string FileName = "personal-tags.json";

    private static readonly Lazy<PersonalTags> Embedded = new(() => Load(
        typeof(PersonalTags).Assembly.GetManifestResourceStream("AgentRec.Catalog.Data." + FileName)
        ?? throw new CatalogLoadException($"{FileName}: not embedded in the assembly."), FileName));

    private readonly HashSet<string> _books;
    private readonly HashSet<string> _movies;

    private PersonalTags(HashSet<string> books, HashSet<string> movies)
    {
        _books = books;
        _movies = movies;
    }

    /// <summary>The lists the product ships with.</summary>
    public static PersonalTags Default => Embedded.Value;

    /// <summary>Whether a goodbooks tag names a reader's shelf rather than the book.</summary>
    public bool IsBookShelf(string tag) => _books.Contains(tag);

    /// <summary>Whether a MovieLens tag is about the viewer's queue or copy rather than the film.</summary>
    public bool IsMovieHousekeeping(string tag) => _movies.Contains(tag);

    /// <summary>Reads a file of the embedded one's shape; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="CatalogLoadException">The file is malformed.</exception>
    public static PersonalTags Load(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new PersonalTags(Read(root, "books", name), Read(root, "movies", name));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            var line = ex is JsonException { LineNumber: { } l } ? $" line {l + 1}" : "";
            throw new CatalogLoadException($"{name}{line}: {ex.Message}");
        }
    }

    private static HashSet<string> Read(JsonElement root, string list, string name)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in root.GetProperty(list).EnumerateArray())
        {
            var text = tag.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CatalogLoadException($"{name}: '{list}' holds an empty tag.");
            }

            set.Add(text.Trim());
        }

        return set;
    }
}
