using System.Collections.Concurrent;
using AgentRec.Core.Catalog;

namespace AgentRec.Core.Intent;

/// <summary>
/// Resolves the names users give titles to catalog items: fuzzy over case, accents, a leading article, a missing
/// year, alternate titles and small typos; an explicit year picks among remakes, popularity breaks ties.
/// Built once from a catalog; reads are thread-safe.
/// </summary>
public sealed class TitleResolver
{
    // Tier of a key: the title itself beats an alternate title, which beats the part before a colon.
    private const int TierTitle = 0;
    private const int TierAlternate = 1;
    private const int TierPartial = 2;
    private const int TierSeries = 3;

    private readonly ItemCatalog _catalog;
    private readonly FrozenDictionary<string, Entry[]> _exact;
    private readonly TitleSketches _sketches;
    private readonly string[] _folded;

    /// <summary>True when <paramref name="text"/> is the name of a book series the catalog holds ("Harry Potter").</summary>
    public bool IsSeriesName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _exact.TryGetValue(TitleParser.Fold(text), out var entries) && Array.Exists(entries, e => e.Tier == TierSeries);
    }

    /// <summary>The catalog whose titles this resolves.</summary>
    public ItemCatalog Catalog => _catalog;

    /// <summary>
    /// True when every word of <paramref name="words"/> (a plural's singular too) is a word of the catalog's tags or
    /// genres: "habits, productivity", "science" describe items, where an invented name ("zorblax") names one.
    /// </summary>
    public bool DescribesItems(IEnumerable<string> words)
    {
        var vocabulary = _tagWords.Value;
        var any = false;
        foreach (var w in words)
        {
            if (!vocabulary.Contains(w) && !(w.Length > 3 && w[^1] == 's' && vocabulary.Contains(w[..^1])))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>Indexes every item of <paramref name="catalog"/> by folded title, alternate titles and title head.</summary>
    public TitleResolver(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _tagWords = new(() => TagWords(catalog));
        // Popularity relative to the item's own catalog: goodbooks counts ratings in millions, MovieLens in hundreds,
        // so raw counts would hand every title a movie shares with a book ("Heat", "Forrest Gump") to the book.
        var maxByDomain = new Dictionary<ItemDomain, int>();
        foreach (var item in catalog.Items)
        {
            maxByDomain[item.Domain] = Math.Max(maxByDomain.GetValueOrDefault(item.Domain), item.Popularity);
        }

        _relativePopularity = new double[catalog.Count];
        for (var i = 0; i < catalog.Count; i++)
        {
            var item = catalog.Items[i];
            _relativePopularity[i] = (item.Popularity + 1.0) / (maxByDomain[item.Domain] + 1.0);
        }

        var exact = new Dictionary<string, List<Entry>>(catalog.Count * 2, StringComparer.Ordinal);
        for (var i = 0; i < catalog.Count; i++)
        {
            var item = catalog.Items[i];
            Add(exact, TitleParser.Fold(item.DisplayTitle), i, TierTitle);
            foreach (var alternate in item.AlternateTitles)
            {
                Add(exact, TitleParser.Fold(alternate), i, TierAlternate);
            }

            var colon = item.DisplayTitle.IndexOf(':', StringComparison.Ordinal);
            if (colon > 1)
            {
                Add(exact, TitleParser.Fold(item.DisplayTitle[..colon]), i, TierPartial);
            }

            // A series name ("Harry Potter") names its books: the most read one answers it.
            foreach (var tag in item.Tags)
            {
                if (SeriesTags.SeriesName(tag) is { } series)
                {
                    Add(exact, TitleParser.Fold(series), i, TierSeries);
                }
            }
        }

        _exact = exact.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _sketches = new TitleSketches(_exact.Keys);
        _folded = [.. catalog.Items.Select(item => TitleParser.Fold(item.DisplayTitle))];
    }

    /// <summary>
    /// The item of <paramref name="kind"/> with <paramref name="match"/>'s title (the film of a book, the book of a
    /// film), or <paramref name="match"/> itself when it is of that kind or the other kind has no such title.
    /// </summary>
    public TitleMatch InKind(TitleMatch match, ItemDomain kind)
    {
        ArgumentNullException.ThrowIfNull(match);
        return match.Item.Domain != kind
            && Resolve(match.Item.DisplayTitle.Split(" (")[0], allowFuzzy: false, domain: kind) is { } other && other.Item.Domain == kind
            ? other
            : match;
    }

    /// <summary>
    /// True when <paramref name="text"/> begins two titles or more of <paramref name="domain"/> as whole words ("Toy
    /// Story": Toy Story 2 and 3; "the Godfather": Part II): a film and its sequels, a name for their series.
    /// </summary>
    public bool BeginsSeveralTitles(string text, ItemDomain? domain)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = TitleParser.Fold(text);
        if (key.Length == 0)
        {
            return false;
        }

        var found = 0;
        for (var i = 0; i < _folded.Length; i++)
        {
            var title = _folded[i];
            if ((domain is null || _catalog.Items[i].Domain == domain) && title.StartsWith(key, StringComparison.Ordinal)
                && (title.Length == key.Length || title[key.Length] == ' ') && ++found >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The item a user's title names, or null. A year in the text ("Heat (1995)", "heat 1995") or in
    /// <paramref name="year"/> picks among same-named items; <paramref name="allowFuzzy"/> false matches folded names only.
    /// </summary>
    public TitleMatch? Resolve(string title, int? year = null, bool allowFuzzy = true, ItemDomain? domain = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = title.Length > 300 ? title[..300] : title;
        if (text.Contains(',', StringComparison.Ordinal) || text.Contains('(', StringComparison.Ordinal))
        {
            // Catalog-style input: "Matrix, The (1999)".
            var parsed = TitleParser.Parse(text);
            text = parsed.DisplayTitle;
            year ??= parsed.Year;
        }

        var folded = TitleParser.Fold(text);
        if (folded.Length < 2)
        {
            return null;
        }

        // A trailing year is the user's disambiguation unless the year is the title itself ("1917", "2012").
        int? trailingYear = null;
        var withoutYear = folded;
        var lastSpace = folded.LastIndexOf(' ');
        if (lastSpace > 0 && folded.Length - lastSpace == 5
            && int.TryParse(folded.AsSpan(lastSpace + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 1870 and <= 2100)
        {
            trailingYear = y;
            withoutYear = folded[..lastSpace];
        }

        if (trailingYear is not null)
        {
            // "heat 1995" picks Heat (1995); "blade runner 2049" is a title of its own, not Blade Runner of 2049.
            var named = Exact(withoutYear, year ?? trailingYear, domain);
            if (named is not null && named.Item.Year == (year ?? trailingYear))
            {
                return named;
            }

            if (Exact(folded, year, domain) is { } whole)
            {
                return whole;
            }

            if (named is not null)
            {
                return named;
            }
        }
        else if (Exact(folded, year, domain) is { } m)
        {
            return m;
        }

        if (!allowFuzzy)
        {
            return null;
        }

        return Fuzzy(withoutYear, year ?? trailingYear, domain)
            ?? (trailingYear is not null ? Fuzzy(folded, year, domain) : null);
    }

    /// <summary>The most edits tolerated for a folded name of this length: none for short names, more for long ones.</summary>
    internal static int MaxEdits(int length) => length switch
    {
        <= 4 => 0,
        <= 8 => 1,
        <= 15 => 2,
        _ => 3,
    };

    private static void Add(Dictionary<string, List<Entry>> index, string key, int item, int tier)
    {
        if (key.Length < 2)
        {
            return;
        }

        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        foreach (var e in list)
        {
            if (e.Item == item)
            {
                return;
            }
        }

        list.Add(new Entry(item, tier));
    }

    private TitleMatch? Exact(string key, int? year, ItemDomain? domain)
    {
        if (!_exact.TryGetValue(key, out var entries) || Best(entries, year, domain) is not { } item)
        {
            return null;
        }

        // A series name that only some of its books carry ("Hitchhiker's Guide" on The Restaurant at the End of the
        // Universe) names the better known book whose title begins with it (The Hitchhiker's Guide to the Galaxy).
        return year is null && OnlySeriesNames(entries, item) && HeadOf(key, item) is { } head
            ? new TitleMatch(head, 0)
            : new TitleMatch(item, 0);
    }

    // True when every entry of the key for item names its series only.
    private bool OnlySeriesNames(Entry[] entries, CatalogItem item)
    {
        foreach (var e in entries)
        {
            if (e.Tier != TierSeries && ReferenceEquals(_catalog.Items[e.Item], item))
            {
                return false;
            }
        }

        return true;
    }

    // The most rated item of named's kind, more rated than named, whose title begins with the words of key; worked out
    // once per name.
    private CatalogItem? HeadOf(string key, CatalogItem named) =>
        _heads.GetOrAdd((key, named.Id), static (k, self) => self.FindHead(k.Key, self._catalog.Items[self._catalog.IndexOf(k.Id)]), this);

    private CatalogItem? FindHead(string key, CatalogItem named)
    {
        CatalogItem? best = null;
        for (var i = 0; i < _folded.Length; i++)
        {
            var item = _catalog.Items[i];
            var title = _folded[i];
            if (item.Domain == named.Domain && item.Popularity > (best ?? named).Popularity && title.Length > key.Length
                && title.StartsWith(key, StringComparison.Ordinal) && title[key.Length] == ' ')
            {
                best = item;
            }
        }

        return best;
    }

    private TitleMatch? Fuzzy(string key, int? year, ItemDomain? domain)
    {
        var max = MaxEdits(key.Length);
        if (max == 0)
        {
            return null;
        }

        var bestDistance = max + 1;
        CatalogItem? best = null;
        var bestScore = (Tier: int.MaxValue, Popularity: -1.0);
        var from = Math.Max(0, key.Length - max);
        var to = Math.Min(_sketches.MaxLength, key.Length + max);
        Span<byte> sketch = stackalloc byte[TitleSketches.Bytes];
        TitleSketches.Sketch(key, sketch);
        for (var l = from; l <= to; l++)
        {
            var keys = _sketches.KeysOfLength(l);
            var sketches = _sketches.SketchesOfLength(l);
            for (var k = 0; k < keys.Length; k++)
            {
                if (TitleSketches.SketchDistance(sketch, sketches.AsSpan(k * TitleSketches.Bytes, TitleSketches.Bytes)) > 2 * Math.Min(max, bestDistance))
                {
                    continue;
                }

                var candidate = keys[k];
                var d = IntentText.BoundedDistance(key, candidate, Math.Min(max, bestDistance));
                if (d > max || d > bestDistance)
                {
                    continue;
                }

                var item = Best(_exact[candidate], year, domain);
                if (item is null)
                {
                    continue;
                }

                var tier = MinTier(_exact[candidate]);
                var popularity = _relativePopularity[_catalog.IndexOf(item.Id)];
                if (d < bestDistance || (tier, -popularity).CompareTo((bestScore.Tier, -bestScore.Popularity)) < 0)
                {
                    bestDistance = d;
                    best = item;
                    bestScore = (tier, popularity);
                }
            }
        }

        return best is null ? null : new TitleMatch(best, bestDistance);
    }

    private static int MinTier(Entry[] entries)
    {
        var tier = int.MaxValue;
        foreach (var e in entries)
        {
            tier = Math.Min(tier, e.Tier);
        }

        return tier;
    }

    // Picks among the items sharing a key: the requested year (exact, then off by one), the domain, the better
    // tier, then the more popular item. With a year that no item has, the year is ignored.
    private CatalogItem? Best(Entry[] entries, int? year, ItemDomain? domain)
    {
        if (year is { } y)
        {
            return Pick(entries, e => _catalog.Items[e.Item].Year == y, domain)
                ?? Pick(entries, e => _catalog.Items[e.Item].Year is { } iy && Math.Abs(iy - y) == 1, domain)
                ?? Pick(entries, static _ => true, domain);
        }

        return Pick(entries, static _ => true, domain);
    }

    private CatalogItem? Pick(Entry[] entries, Func<Entry, bool> accept, ItemDomain? domain)
    {
        CatalogItem? best = null;
        var bestKey = (Domain: 2, Weight: -1.0);
        foreach (var e in entries)
        {
            if (!accept(e))
            {
                continue;
            }

            var item = _catalog.Items[e.Item];
            // A full title beats an alternate or a title head unless the other item is far more popular:
            // "lord of the rings" means the 2001 film, not the 1978 one whose whole title it is.
            // A series name stands for its books more than a title head does ("Harry Potter: Film Wizardry").
            var weight = _relativePopularity[e.Item] * e.Tier switch
            {
                TierTitle => 1.0,
                TierAlternate => 0.6,
                TierSeries => 0.5,
                _ => 0.3,
            };
            // With no kind asked for, a book must be the far better known work of its title to win over a film (the
            // contract's default kind): The Great Gatsby the novel, Fight Club the film.
            if (domain is null && item.Domain == ItemDomain.Book)
            {
                weight *= UnsaidBookWeight;
            }

            var key = (Domain: domain is null || item.Domain == domain ? 0 : 1, Weight: weight);
            if (best is null || key.Domain < bestKey.Domain || (key.Domain == bestKey.Domain && key.Weight > bestKey.Weight))
            {
                best = item;
                bestKey = key;
            }
        }

        return best;
    }

    // How much a book's relative popularity counts against a film's when no kind is asked for.
    private const double UnsaidBookWeight = 0.5;

    private readonly double[] _relativePopularity;

    private readonly ConcurrentDictionary<(string Key, string Id), CatalogItem?> _heads = new();

    private readonly Lazy<FrozenSet<string>> _tagWords;

    private readonly record struct Entry(int Item, int Tier);

    private static FrozenSet<string> TagWords(ItemCatalog catalog)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in catalog.Items)
        {
            foreach (var text in item.Tags.Concat(item.Genres))
            {
                foreach (var w in text.Split([' ', '-', '_', '/'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (w.Length >= 3)
                    {
                        words.Add(w);
                    }
                }
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
