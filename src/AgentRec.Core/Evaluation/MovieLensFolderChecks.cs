using AgentRec.Core.Catalog;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// The checks the offline protocols make on a MovieLens-format folder, with one wording: the folder must exist, its
/// malformed rows stay within the protocol's limit, and at least one rating is usable.
/// </summary>
internal static class MovieLensFolderChecks
{
    /// <summary>Throws <see cref="CatalogLoadException"/> when <paramref name="folder"/> does not exist.</summary>
    public static void RequireExists(string folder, string protocol)
    {
        if (!Directory.Exists(folder))
        {
            throw new CatalogLoadException($"{protocol} data folder '{folder}' does not exist.");
        }
    }

    /// <summary>
    /// Loads the MovieLens-format <paramref name="folder"/> after <see cref="RequireExists"/>, with the malformed rows it
    /// skipped in <paramref name="issues"/>; the caller adds its own rows' issues and then calls <see cref="RequireUsable"/>.
    /// </summary>
    public static (IReadOnlyList<CatalogItem> Items, IReadOnlyList<RatingEvent> Ratings, CatalogSource Source) Load(
        string folder, string protocol, out List<CatalogLoadIssue> issues)
    {
        RequireExists(folder, protocol);
        issues = [];
        return MovieLensLoader.Load(folder, issues);
    }

    /// <summary>
    /// Throws <see cref="CatalogLoadException"/> when <paramref name="issues"/> holds more than <paramref name="maxIssues"/>
    /// malformed rows or <paramref name="ratings"/> is empty.
    /// </summary>
    public static void RequireUsable(string folder, IReadOnlyList<CatalogLoadIssue> issues, int maxIssues, IReadOnlyList<RatingEvent> ratings)
    {
        if (issues.Count > maxIssues)
        {
            throw new CatalogLoadException($"'{folder}' has {issues.Count} malformed rows (more than {maxIssues}); first: {issues[0]}");
        }

        if (ratings.Count == 0)
        {
            throw new CatalogLoadException($"'{folder}' has no usable ratings (ratings.csv with userId,movieId,rating,timestamp is needed).");
        }
    }
}
