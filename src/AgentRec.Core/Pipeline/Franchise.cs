using AgentRec.Core.Catalog;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// Whether two items belong to one franchise: the same book series ("(Harry Potter, #3)") or parts of one book ("The
/// Green Mile, Part 3"), or movie titles whose stems
/// (the title before a subtitle, less sequel numbers) are one a prefix of the other ("The Matrix" and "The Matrix
/// Reloaded", "Toy Story" and "Toy Story 2") or share their first two words ("Harry Potter and the …"), and a genre.
/// </summary>
internal static partial class Franchise
{
    private static readonly HashSet<string> SequelMarks = new(StringComparer.Ordinal)
    {
        "2", "3", "4", "5", "6", "7", "8", "9", "ii", "iii", "iv", "v", "vi", "part", "chapter", "episode",
    };

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are works of one franchise.</summary>
    public static bool Same(CatalogItem a, CatalogItem b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Domain != b.Domain)
        {
            return false;
        }

        if (a.Domain == ItemDomain.Book)
        {
            if (SeriesOf(a.Title) is { } sa)
            {
                return string.Equals(sa, SeriesOf(b.Title), StringComparison.OrdinalIgnoreCase);
            }

            // Parts of one work published apart ("The Green Mile, Part 3" and "Part 5", "Bleach, Volume 01" and "03").
            return SeriesOf(b.Title) is null && PartMark().IsMatch(a.Title) && PartMark().IsMatch(b.Title)
                && Parts(a).Stem is { Count: > 0 } stem && stem.SequenceEqual(Parts(b).Stem);
        }

        // Films of one series share a genre: Rocky and The Rocky Horror Picture Show only share a word.
        if (a.Genres.Count > 0 && b.Genres.Count > 0 && !a.Genres.Intersect(b.Genres, StringComparer.OrdinalIgnoreCase).Any())
        {
            return false;
        }

        var (ta, stemA) = Parts(a);
        var (tb, stemB) = Parts(b);
        return IsStemOf(stemA, tb) || IsStemOf(stemB, ta) || CommonPrefix(ta, tb) >= 2;
    }

    // Each title's words and stem, computed once per item: the answer shape compares every candidate with every chosen item.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CatalogItem, Tuple<List<string>, List<string>>> Cache = new();

    private static (List<string> Words, List<string> Stem) Parts(CatalogItem item)
    {
        var parts = Cache.GetValue(item, static i => Tuple.Create(Words(i.DisplayTitle), Stem(i.DisplayTitle)));
        return (parts.Item1, parts.Item2);
    }

    /// <summary>The words a film's series is called by: its title before a subtitle, less sequel marks and a leading article ("rocky", "jack reacher").</summary>
    public static string StemOf(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return string.Join(' ', Parts(item).Stem);
    }

    /// <summary>The book series a goodbooks title names in its trailing parentheses, or null.</summary>
    public static string? SeriesOf(string title) => BookSeries.Of(title);

    private static bool IsStemOf(List<string> stem, List<string> words)
    {
        if (stem.Count == 0 || stem.Sum(s => s.Length) < 4 || stem.Count > words.Count)
        {
            return false;
        }

        for (var i = 0; i < stem.Count; i++)
        {
            if (!string.Equals(stem[i], words[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // How many words of the shared start of two titles carry meaning: "Lord of the Rings" and "Lord of the Flies"
    // share "lord" only, "Harry Potter and the …" share "harry potter".
    private static int CommonPrefix(List<string> a, List<string> b)
    {
        var n = 0;
        var meaningful = 0;
        while (n < a.Count && n < b.Count && string.Equals(a[n], b[n], StringComparison.Ordinal))
        {
            meaningful += FunctionWords.Contains(a[n]) ? 0 : 1;
            n++;
        }

        return meaningful;
    }

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "de", "la", "le", "el", "du",
    };

    // The title before a subtitle, less trailing sequel marks: "The Godfather: Part II" → godfather.
    private static List<string> Stem(string title)
    {
        var cut = title.IndexOfAny([':', '(']);
        var dash = title.IndexOf(" - ", StringComparison.Ordinal);
        if (dash >= 0 && (cut < 0 || dash < cut))
        {
            cut = dash;
        }

        var words = Words(cut >= 0 ? title[..cut] : title);
        while (words.Count > 1 && SequelMarks.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return words;
    }

    private static List<string> Words(string title)
    {
        var words = new List<string>();
        foreach (Match m in Word().Matches(title.ToLowerInvariant()))
        {
            words.Add(m.Value);
        }

        if (words.Count > 1 && words[0] is "the" or "a" or "an")
        {
            words.RemoveAt(0);
        }

        return words;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?:part|vol\.?|volume|book)\s*\d", RegexOptions.IgnoreCase)]
    private static partial Regex PartMark();
}
