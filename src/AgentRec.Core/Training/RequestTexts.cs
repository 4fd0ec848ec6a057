namespace AgentRec.Core.Training;

/// <summary>Request-like texts ("dark sci-fi movies about time travel from the 1990s") built from an item's facts.</summary>
public static class RequestTexts
{
    /// <summary>Composes a request from the given genres, tags, year and domain; any part may be empty.</summary>
    public static string Compose(IReadOnlyList<string> genres, IReadOnlyList<string> tags, int? year, ItemDomain domain, string? creator = null)
    {
        ArgumentNullException.ThrowIfNull(genres);
        ArgumentNullException.ThrowIfNull(tags);
        var sb = new StringBuilder();
        foreach (var g in genres)
        {
            sb.Append(g.ToLowerInvariant()).Append(' ');
        }

        sb.Append(domain == ItemDomain.Book ? "books" : "movies");
        if (tags.Count > 0)
        {
            sb.Append(" about ").AppendJoin(", ", tags);
        }

        if (creator is { Length: > 0 })
        {
            sb.Append(" by ").Append(creator);
        }

        if (year is { } y)
        {
            sb.Append(" from the ").Append(y / 10 * 10).Append('s');
        }

        return sb.ToString();
    }

    /// <summary>A random request that <paramref name="item"/> answers: some of its genres, top tags, decade or author.</summary>
    public static string Sample(CatalogItem item, Random random)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(random);
        var genres = Pick(item.Genres, random, Math.Min(item.Genres.Count, 1 + random.Next(2)), item.Genres.Count);
        var tags = Pick(item.Tags, random, Math.Min(item.Tags.Count, random.Next(4)), Math.Min(item.Tags.Count, 12));
        int? year = random.NextDouble() < 0.4 ? item.Year : null;
        string? creator = item.Creators.Count > 0 && random.NextDouble() < 0.5 ? item.Creators[0] : null;
        if (genres.Count == 0 && tags.Count == 0 && creator is null)
        {
            // Nothing descriptive to say: fall back to the title, as people do ("something like Heat").
            return "like " + item.DisplayTitle;
        }

        return Compose(genres, tags, year, item.Domain, creator);
    }

    private static List<string> Pick(IReadOnlyList<string> values, Random random, int count, int poolSize)
    {
        var chosen = new List<string>(count);
        if (count <= 0 || poolSize <= 0)
        {
            return chosen;
        }

        var pool = new int[poolSize];
        for (var i = 0; i < poolSize; i++)
        {
            pool[i] = i;
        }

        random.Shuffle(pool);
        for (var i = 0; i < Math.Min(count, poolSize); i++)
        {
            chosen.Add(values[pool[i]]);
        }

        return chosen;
    }
}
