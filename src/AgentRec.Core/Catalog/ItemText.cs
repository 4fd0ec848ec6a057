namespace AgentRec.Core.Catalog;

/// <summary>Builds the description text of an item from its facts; the text that lexical and vector matching read.</summary>
public static class ItemText
{
    /// <summary>"The Matrix (1999). Also known as: …. Genres: Action, Sci-Fi. By: …. Tags: …."</summary>
    public static string Describe(
        string displayTitle,
        int? year,
        IReadOnlyList<string> genres,
        IReadOnlyList<string> tags,
        IReadOnlyList<string> creators,
        IReadOnlyList<string> alternateTitles)
    {
        ArgumentNullException.ThrowIfNull(displayTitle);
        var sb = new StringBuilder(displayTitle);
        if (year is { } y)
        {
            sb.Append(" (").Append(y).Append(')');
        }

        sb.Append('.');
        AppendList(sb, "Also known as", alternateTitles);
        AppendList(sb, "By", creators);
        AppendList(sb, "Genres", genres);
        AppendList(sb, "Tags", tags);
        return sb.ToString();
    }

    private static void AppendList(StringBuilder sb, string label, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        sb.Append(' ').Append(label).Append(": ").AppendJoin(", ", values).Append('.');
    }
}
