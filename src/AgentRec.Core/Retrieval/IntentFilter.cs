namespace AgentRec.Core.Retrieval;

/// <summary>The hard constraints of an intent: domain, every listed genre, no excluded genre, the inclusive year range.</summary>
public static class IntentFilter
{
    /// <summary>True when <paramref name="item"/> breaks none of the intent's hard constraints.</summary>
    public static bool Matches(CatalogItem item, RecommendationIntent intent)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(intent);
        if (intent.Domain == IntentDomains.Movie && item.Domain != ItemDomain.Movie)
        {
            return false;
        }

        if (intent.Domain == IntentDomains.Book && item.Domain != ItemDomain.Book)
        {
            return false;
        }

        if (!item.HasAllGenres(intent.Genres))
        {
            return false;
        }

        for (var i = 0; i < intent.ExcludeGenres.Count; i++)
        {
            if (item.HasGenre(intent.ExcludeGenres[i]))
            {
                return false;
            }
        }

        return MatchesYears(item, intent);
    }

    private static bool MatchesYears(CatalogItem item, RecommendationIntent intent)
    {
        if (intent.YearFrom is { } from && (item.Year is not { } y1 || y1 < from))
        {
            return false;
        }

        return intent.YearTo is not { } to || (item.Year is { } y2 && y2 <= to);
    }
}
