namespace AgentRec.Core.Catalog;

/// <summary>The series a goodbooks title names: "The Gunslinger (The Dark Tower, #1)" is in "The Dark Tower".</summary>
public static partial class BookSeries
{
    /// <summary>The series <paramref name="title"/> names in its trailing "(Series, #n)" (the first, when it names several), or null.</summary>
    public static string? Of(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return Marker().Match(title) is { Success: true } m ? m.Groups["series"].Value.Trim() : null;
    }

    /// <summary>
    /// Where <paramref name="title"/> stands in the first series its trailing "(Series, #n)" names (2 for "#2", 1 for
    /// "#1-3", 0.5 for a prequel novella "#0.5"), or null for a book in no numbered series.
    /// </summary>
    public static double? Number(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (Marker().Match(title) is not { Success: true } m)
        {
            return null;
        }

        var text = m.Groups["number"].Value;
        var end = text.IndexOfAny(['-', '–']);
        return double.TryParse(end > 0 ? text[..end] : text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    // The first series of "(Discworld, #18; Witches #5)" is the one the title is numbered in first.
    [GeneratedRegex(@"\((?<series>[^()#;]+?),?\s*#(?<number>[\d.\-–]+)(?:[;,][^()]*)?\)\s*$")]
    private static partial Regex Marker();
}
