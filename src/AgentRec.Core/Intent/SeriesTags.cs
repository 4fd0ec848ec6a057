namespace AgentRec.Core.Intent;

/// <summary>Catalog tags that name the book series an item belongs to.</summary>
internal static class SeriesTags
{
    // "series: Harry Potter #1" → "Harry Potter".
    internal static string? SeriesName(string tag)
    {
        if (!tag.StartsWith("series:", StringComparison.Ordinal))
        {
            return null;
        }

        var name = tag.AsSpan("series:".Length);
        var hash = name.LastIndexOf('#');
        if (hash > 0)
        {
            name = name[..hash];
        }

        name = name.Trim();
        return name.Length > 1 ? name.ToString() : null;
    }
}
