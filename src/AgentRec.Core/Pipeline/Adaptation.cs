namespace AgentRec.Core.Pipeline;

/// <summary>
/// A work in its other form: the book a film was made from, or the films made of a book ("saw The Martian, want to read
/// the book it's based on", "读过《活着》，有改编的电影吗"). The catalogs share no ids, so the forms are matched by title:
/// the same main title (less a book's series mark, a leading article and punctuation), or one side of a subtitle ("The
/// Lord of the Rings: The Fellowship of the Ring" and "The Fellowship of the Ring (The Lord of the Rings, #1)"), with the
/// book published no later than the film.
/// </summary>
internal static class Adaptation
{
    // A key this short ("It", "Up") matches too many unrelated works to stand on its own side of a subtitle.
    private const int MinSideLength = 8;

    /// <summary>
    /// The items of <paramref name="form"/> in <paramref name="items"/> that are one of <paramref name="works"/> in that
    /// form (a work already of that form is its own), best known first.
    /// </summary>
    public static List<CatalogItem> Of(IEnumerable<CatalogItem> items, IReadOnlyList<CatalogItem> works, ItemDomain form)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(works);
        // The same whole title first ("The Hunger Games" and its book); one side of a subtitle only when none has it
        // (The Hunger Games: Catching Fire is the second book's film).
        var named = works.Select(w => (Work: w, Keys: Keys(w))).ToList();
        var matches = new List<(CatalogItem Item, bool Whole)>();
        foreach (var item in items.Where(i => i.Domain == form))
        {
            var keys = Keys(item);
            var other = named.FindAll(n => n.Work.Domain != form && Before(n.Work, item));
            var whole = named.Exists(n => n.Work.Id == item.Id) || other.Exists(n => n.Keys[0].Length > 0 && n.Keys[0] == keys[0]);
            if (whole || other.Exists(n => n.Keys.Intersect(keys, StringComparer.Ordinal).Any(k => k.Length > 0)))
            {
                matches.Add((item, whole));
            }
        }

        var anyWhole = matches.Exists(m => m.Whole);
        return [.. matches.Where(m => m.Whole || !anyWhole).Select(m => m.Item).OrderByDescending(i => i.Popularity)];
    }

    // The book comes first: a film of 1990 is not made from a novel of 2005 that shares its name.
    private static bool Before(CatalogItem work, CatalogItem other)
    {
        var (book, film) = work.Domain == ItemDomain.Book ? (work, other) : (other, work);
        return book.Year is not { } published || film.Year is not { } released || published <= released + 1;
    }

    // The main title first, then each side of a subtitle long enough to name the work alone, as lower-case words.
    private static List<string> Keys(CatalogItem item)
    {
        var title = item.DisplayTitle;
        var mark = title.LastIndexOf('(');
        if (item.Domain == ItemDomain.Book && mark > 0 && title.TrimEnd().EndsWith(')'))
        {
            title = title[..mark];
        }

        var keys = new List<string> { Words(title) };
        var colon = title.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            foreach (var side in new[] { title[..colon], title[(colon + 1)..] })
            {
                if (Words(side) is { Length: >= MinSideLength } key)
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    // Letters and digits in lower case, words single-spaced, without a leading article.
    private static string Words(string text)
    {
        var words = string.Concat(text.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' '))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length > 1 && words[0] is "the" or "a" or "an" ? 1 : 0;
        return string.Join(' ', words.Skip(start));
    }
}
