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

    // The first series of "(Discworld, #18; Witches #5)" is the one the title is numbered in first.
    [GeneratedRegex(@"\((?<series>[^()#;]+?),?\s*#[\d.\-–]+(?:;[^()]*)?\)\s*$")]
    private static partial Regex Marker();
}
