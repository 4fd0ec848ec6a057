using System.Collections.Concurrent;
using AgentRec.Core.Catalog;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// The best known works of a genre: per catalog position, true for the <see cref="Size"/> most rated items of the
/// domain that have every genre asked, a book only where its readers shelve it so first (one of the genre's tags among
/// its <see cref="CentralTags"/> most used): Animal Farm carries Fantasy and The Godfather Mystery, as passing labels.
/// What a "best fantasy books" answer chooses among, whatever the words match.
/// </summary>
internal static class GenreLeaders
{
    /// <summary>How many of a genre's most rated items are its leaders.</summary>
    public const int Size = 60;

    /// <summary>How many of a book's most used tags must hold one of a genre's tags for the book to lead the genre.</summary>
    public const int CentralTags = 3;

    private static readonly ConditionalWeakTable<ItemCatalog, ConcurrentDictionary<Key, bool[]>> ByCatalog = new();

    /// <summary>
    /// The leaders of <paramref name="genres"/> among items of <paramref name="domain"/> (either when null) of the years
    /// <paramref name="yearFrom"/> to <paramref name="yearTo"/> (either end open when null): "the best fantasy books before
    /// 1990" chooses among the genre's best known works of those years. Worked out once per catalog and key.
    /// </summary>
    public static IReadOnlyList<bool> Of(ItemCatalog catalog, IReadOnlyList<string> genres, ItemDomain? domain, int? yearFrom = null, int? yearTo = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(genres);
        var key = new Key(domain, yearFrom, yearTo, string.Join('|', genres.Order(StringComparer.OrdinalIgnoreCase)).ToLowerInvariant());
        return ByCatalog.GetOrCreateValue(catalog).GetOrAdd(key, _ =>
        {
            var mask = new bool[catalog.Count];
            var members = Enumerable.Range(0, catalog.Count)
                .Where(i => catalog.Items[i] is var item && (domain is null || item.Domain == domain) && InYears(item, yearFrom, yearTo)
                    && item.HasAllGenres(genres) && Central(item, genres))
                .OrderByDescending(i => catalog.Items[i].Popularity)
                .Take(Size);
            foreach (var i in members)
            {
                mask[i] = true;
            }

            return mask;
        });
    }

    private static bool InYears(CatalogItem item, int? from, int? to) =>
        (from is null && to is null) || (item.Year is { } year && year >= (from ?? int.MinValue) && year <= (to ?? int.MaxValue));

    private static bool Central(CatalogItem item, IReadOnlyList<string> genres) =>
        item.Domain != ItemDomain.Book
        || genres.All(g => BookGenres.Default.TagsOf(g) is var tags && item.Tags.Take(CentralTags).Any(t => tags.Contains(t, StringComparer.OrdinalIgnoreCase)));

    private readonly record struct Key(ItemDomain? Domain, int? YearFrom, int? YearTo, string Genres);
}
