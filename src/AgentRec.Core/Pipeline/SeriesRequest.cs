using AgentRec.Core.Catalog;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// A series asked for by its name with a word for its works right after it ("the poirot books", "discworld novels",
/// "the jack reacher series", 基地系列, 波洛探案): its works are the answer, not works like it. A book series is known by
/// its whole name as goodbooks titles write it ("(Hercule Poirot, #10)"), or by the last word of that name when no other
/// series ends with it and few other books are tagged with it ("poirot", not "vampires"); a film series by the stem of
/// a film the message names. A message that asks for something like the series, or for others, asks for no series.
/// </summary>
internal sealed partial class SeriesRequest
{
    // A last word carried by the tags of more books than this many times its series' size names a subject, not the series.
    private const int MaxTaggedPerMember = 3;

    // Shorter names of one word ("dune", "robot") are too often words of a request's subject.
    private const int MinLastWordLength = 6;

    private readonly ItemCatalog _catalog;
    private readonly FrozenDictionary<string, int[]> _books;
    private readonly int _longest;

    public SeriesRequest(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        var series = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Count; i++)
        {
            if (catalog.Items[i].Domain == ItemDomain.Book && BookSeries.Of(catalog.Items[i].Title) is { } name && Words(name) is { Length: > 0 } key)
            {
                (series.TryGetValue(key, out var members) ? members : series[key] = []).Add(i);
            }
        }

        var cues = CueVocabulary.Default;
        var names = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var lastWords = new Dictionary<string, List<int[]>>(StringComparer.Ordinal);
        foreach (var (key, members) in series.Where(s => s.Value.Count >= 2))
        {
            names[key] = [.. members];
            var last = key[(key.LastIndexOf(' ') + 1)..];
            if (last.Length >= MinLastWordLength && !cues.IsGenericSeriesWord(last))
            {
                (lastWords.TryGetValue(last, out var owners) ? owners : lastWords[last] = []).Add([.. members]);
            }
        }

        var tagged = TaggedBooks(catalog, lastWords.Keys);
        foreach (var (word, owners) in lastWords)
        {
            if (owners.Count == 1 && !names.ContainsKey(word) && tagged[word] <= MaxTaggedPerMember * owners[0].Length)
            {
                names[word] = owners[0];
            }
        }

        // A whole name of one word is as open to being a subject as a last word ("zombies").
        foreach (var key in names.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal) && !lastWords.ContainsKey(k)).ToList())
        {
            if (key.Length < MinLastWordLength || TaggedBooks(catalog, [key])[key] > MaxTaggedPerMember * names[key].Length)
            {
                names.Remove(key);
            }
        }

        _books = names.ToFrozenDictionary(StringComparer.Ordinal);
        _longest = names.Keys.Select(k => k.Count(c => c == ' ') + 1).DefaultIfEmpty(1).Max();
    }

    /// <summary>
    /// The items of the series <paramref name="message"/> asks for by name, with Chinese series names read by
    /// <paramref name="chineseNames"/> and the named works <paramref name="anchors"/> standing for theirs; null when it
    /// asks for none.
    /// </summary>
    public List<CatalogItem>? Asked(string message, IReadOnlyList<CatalogItem> anchors, IReadOnlyList<(string Chinese, string English)> chineseNames)
    {
        var cues = CueVocabulary.Default;
        if (cues.AsksBeyondSeries(message))
        {
            return null;
        }

        var tokens = Tokens(message, chineseNames);
        // A named work's own series, by the words of its title ("the dune books", "the jack reacher series").
        // A film's series is called by its stem or the stem's first two words ("the harry potter movies").
        foreach (var anchor in anchors)
        {
            var key = (anchor.Domain == ItemDomain.Movie ? Franchise.StemOf(anchor) : Words(StemOfBook(anchor.DisplayTitle))).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var named = key.Length > 0 && (NamedAt(tokens, key, cues) || (anchor.Domain == ItemDomain.Movie && key.Length > 2 && NamedAt(tokens, key[..2], cues)));
            if (named && Members(anchor) is { Count: > 1 } members)
            {
                return members;
            }
        }

        for (var at = 0; at < tokens.Length; at++)
        {
            for (var n = Math.Min(_longest, tokens.Length - at - 1); n >= 1; n--)
            {
                if (_books.TryGetValue(string.Join(' ', tokens.AsSpan(at, n).ToArray()), out var members) && IsKind(tokens[at + n], cues)
                    && !RefusedBefore(tokens, at))
                {
                    return [.. members.Select(i => _catalog.Items[i])];
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The ids of the books of every series <paramref name="message"/> turns down by name ("no tolkien no harry potter",
    /// "not the wheel of time", 不要哈利波特), with Chinese series names read by <paramref name="chineseNames"/>.
    /// </summary>
    public IEnumerable<string> Refused(string message, IReadOnlyList<(string Chinese, string English)> chineseNames)
    {
        var tokens = Tokens(message, chineseNames);
        for (var at = 1; at < tokens.Length; at++)
        {
            if (!RefusedBefore(tokens, at))
            {
                continue;
            }

            for (var n = Math.Min(_longest, tokens.Length - at); n >= 1; n--)
            {
                if (_books.TryGetValue(string.Join(' ', tokens.AsSpan(at, n).ToArray()), out var members))
                {
                    foreach (var i in members)
                    {
                        yield return _catalog.Items[i].Id;
                    }

                    break;
                }
            }
        }
    }

    // A refusal a few words before a name ("skip the indiana jones and jurassic park ones"), with no word of liking
    // between them ("not too scary, something like harry potter" refuses nothing).
    private static bool RefusedBefore(string[] tokens, int at)
    {
        var cues = CueVocabulary.Default;
        for (var k = at - 1; k >= 0 && k >= at - 5; k--)
        {
            if (cues.RefusesSeries(tokens[k]))
            {
                return true;
            }

            if (cues.EndsSeriesRefusal(tokens[k]))
            {
                return false;
            }
        }

        return false;
    }

    // The message's words, lower case, with Chinese series names read as their English ones.
    private static string[] Tokens(string message, IReadOnlyList<(string Chinese, string English)> chineseNames)
    {
        var text = message;
        foreach (var (chinese, english) in chineseNames)
        {
            text = text.Replace(chinese, " " + english + " ", StringComparison.Ordinal);
        }

        return [.. Token().Matches(text.ToLowerInvariant()).Select(m => m.Value)];
    }

    // The named work and the others of its series: a book's by its series name, a film's by its franchise.
    private List<CatalogItem> Members(CatalogItem anchor)
    {
        if (anchor.Domain == ItemDomain.Book)
        {
            return BookSeries.Of(anchor.Title) is { } name && _books.TryGetValue(Words(name), out var members) ? [.. members.Select(i => _catalog.Items[i])] : [];
        }

        return [.. _catalog.Items.Where(i => i.Id == anchor.Id || Franchise.Same(anchor, i))];
    }

    // True when the words of key stand in tokens with a word for works right after them.
    private static bool NamedAt(string[] tokens, string[] key, CueVocabulary cues)
    {
        for (var at = 0; at + key.Length < tokens.Length; at++)
        {
            if (tokens.AsSpan(at, key.Length).SequenceEqual(key) && IsKind(tokens[at + key.Length], cues) && !RefusedBefore(tokens, at))
            {
                return true;
            }
        }

        return false;
    }

    // A word for works: an English one whole, a Chinese run beginning with one (系列, 探案集, 的书).
    private static bool IsKind(string token, CueVocabulary cues) =>
        cues.SeriesKinds.Any(k => k[0] < 0x2E80 ? string.Equals(token, k, StringComparison.Ordinal) : token.StartsWith(k, StringComparison.Ordinal));

    // "The Gunslinger (The Dark Tower, #1)" → "The Gunslinger".
    private static string StemOfBook(string title)
    {
        var mark = title.LastIndexOf('(');
        return mark > 0 ? title[..mark] : title;
    }

    // Lower-case words, single-spaced, without a leading article.
    private static string Words(string text)
    {
        var words = Token().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w[0] < 0x2E80).ToList();
        if (words.Count > 1 && words[0] is "the" or "a" or "an")
        {
            words.RemoveAt(0);
        }

        return string.Join(' ', words);
    }

    // How many books carry a tag with each word among its words ("hercule-poirot" holds "poirot").
    private static Dictionary<string, int> TaggedBooks(ItemCatalog catalog, IEnumerable<string> words)
    {
        var counts = words.ToDictionary(w => w, _ => 0, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in catalog.Items.Where(i => i.Domain == ItemDomain.Book))
        {
            seen.Clear();
            foreach (var word in item.Tags.SelectMany(t => Token().Matches(t.ToLowerInvariant())).Select(m => m.Value))
            {
                if (seen.Add(word) && counts.TryGetValue(word, out var n))
                {
                    counts[word] = n + 1;
                }
            }
        }

        return counts;
    }

    // Latin words (letters and digits), and runs of Chinese characters.
    [GeneratedRegex(@"[a-z0-9]+|[\u2E80-\u9FFF]+")]
    private static partial Regex Token();
}
