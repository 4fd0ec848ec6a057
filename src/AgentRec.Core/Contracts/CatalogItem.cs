namespace AgentRec.Core.Contracts;

/// <summary>The kind of thing an item is; requests may ask for one domain or any.</summary>
public enum ItemDomain
{
    Movie,
    Book,
}

/// <summary>One recommendable item, from any source catalog, in the shape every pipeline stage reads.</summary>
/// <param name="Id">Stable id: the MovieLens movieId for movies, <c>book-{book_id}</c> for goodbooks.</param>
/// <param name="Title">The title exactly as the source writes it ("Matrix, The (1999)").</param>
/// <param name="DisplayTitle">The title as people write it ("The Matrix"), without the year.</param>
/// <param name="Year">Release or first publication year; null when the source has none.</param>
/// <param name="Genres">The catalog's own genre names.</param>
/// <param name="Tags">User tags, most used first.</param>
/// <param name="Description">Text built from the fields above, used for lexical and vector matching.</param>
/// <param name="Popularity">How many ratings the item has.</param>
/// <param name="MeanRating">Mean rating on the source's scale (0.5–5 for MovieLens, 1–5 for goodbooks); 0 when unrated.</param>
/// <param name="Domain">Movie or book.</param>
public sealed record CatalogItem(
    string Id,
    string Title,
    string DisplayTitle,
    int? Year,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> Tags,
    string Description,
    int Popularity,
    double MeanRating,
    ItemDomain Domain)
{
    /// <summary>Other names the item is known by (original-language titles, a.k.a. names).</summary>
    public IReadOnlyList<string> AlternateTitles { get; init; } = [];

    /// <summary>Authors for books; empty for movies.</summary>
    public IReadOnlyList<string> Creators { get; init; } = [];

    /// <summary>
    /// Subjects the item is centrally about by curated knowledge ("world war ii", "heist"), beside its user tags; the
    /// parser's topic keywords. Not part of <see cref="Description"/>.
    /// </summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Ids in other databases (imdb, tmdb, goodreads), by name.</summary>
    public IReadOnlyDictionary<string, string> ExternalIds { get; init; } = EmptyIds;

    private static readonly Dictionary<string, string> EmptyIds = [];

    /// <summary>True when the item carries every one of <paramref name="genres"/> (case-insensitive).</summary>
    public bool HasAllGenres(IReadOnlyList<string> genres)
    {
        for (var i = 0; i < genres.Count; i++)
        {
            if (!HasGenre(genres[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the item carries <paramref name="genre"/> (case-insensitive).</summary>
    public bool HasGenre(string genre)
    {
        for (var i = 0; i < Genres.Count; i++)
        {
            if (string.Equals(Genres[i], genre, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
