namespace AgentRec.Core.Catalog;

/// <summary>Where one part of the catalog came from and what it held.</summary>
public sealed record CatalogSource(string Name, string Folder, ItemDomain Domain, int Items, int Ratings, int Tags);

/// <summary>The outcome of loading every configured source: the catalog, the ratings it came with, and the rows that were skipped.</summary>
public sealed record LoadedCatalog(
    ItemCatalog Catalog,
    IReadOnlyList<RatingEvent> Ratings,
    IReadOnlyList<CatalogSource> Sources,
    IReadOnlyList<CatalogLoadIssue> Issues)
{
    /// <summary>Number of distinct users among the ratings.</summary>
    public int UserCount { get; } = Ratings.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Count();
}
