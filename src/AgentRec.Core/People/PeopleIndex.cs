using System.Collections.Concurrent;
using AgentRec.Core.Catalog;

namespace AgentRec.Core.People;

/// <summary>A person or studio with the catalog items that carry evidence of them, best known first.</summary>
/// <param name="Name">Canonical name (or the name as asked, for someone the curated data does not list).</param>
/// <param name="Role">What they are known for.</param>
/// <param name="Items">Catalog positions of their items, ascending.</param>
public sealed record PersonFacts(string Name, PersonRole Role, int[] Items);

/// <summary>
/// Who made what, from catalog evidence only: movies' directors and cast (movie_people.csv, when present), MovieLens
/// tags naming a person ("tarantino", "stephen king"), books' authors, and each studio's rule (studios.yaml). Resolves
/// a name (canonical, alias or catalog credit) to its items; thread-safe.
/// </summary>
public sealed class PeopleIndex
{
    /// <summary>Movies need this many ratings to be answered for a named person (the evidence floor is lower than for open requests: the name is the evidence).</summary>
    public const int MinMovieRatings = 3;

    private readonly ItemCatalog _catalog;
    private readonly PeopleKnowledge _knowledge;
    private readonly FrozenDictionary<string, int[]> _credited;
    private readonly FrozenDictionary<string, int[]> _directed;
    private readonly FrozenDictionary<string, int[]> _tagged;
    private readonly FrozenDictionary<string, PersonEntry> _byAlias;
    private readonly ConcurrentDictionary<string, PersonFacts?> _resolved = new(StringComparer.Ordinal);

    /// <summary>An index of <paramref name="catalog"/>; <paramref name="moviePeople"/> null when the facts file is absent.</summary>
    public PeopleIndex(ItemCatalog catalog, PeopleKnowledge knowledge, MoviePeople? moviePeople)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(knowledge);
        _catalog = catalog;
        _knowledge = knowledge;
        MoviePeople = moviePeople;
        Finder = new PersonFinder(knowledge, WellKnownCredits(catalog, knowledge, moviePeople));
        var credited = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var directed = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var tagged = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Count; i++)
        {
            var item = catalog.Items[i];
            if (item.Domain == ItemDomain.Book)
            {
                foreach (var author in item.Creators)
                {
                    Add(credited, author, i);
                }

                continue;
            }

            if (moviePeople is not null && moviePeople.ByMovieId.TryGetValue(item.Id, out var people))
            {
                foreach (var name in people.Directors.Concat(people.Cast))
                {
                    Add(credited, name, i);
                }

                foreach (var name in people.Directors)
                {
                    Add(directed, name, i);
                }
            }

            // Book shelves name authors loosely ("stephen-king" on books by others); movie tags name who made or is in a film.
            foreach (var tag in item.Tags)
            {
                Add(tagged, tag, i);
            }
        }

        _credited = credited.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal);
        _directed = directed.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal);
        _tagged = tagged.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.Ordinal);

        var byAlias = new Dictionary<string, PersonEntry>(StringComparer.Ordinal);
        foreach (var entry in knowledge.ByKey.Values)
        {
            foreach (var alias in entry.Aliases.Concat(entry.CueOnly).Append(entry.Name))
            {
                byAlias[PersonNames.AliasKey(alias)] = entry;
            }
        }

        _byAlias = byAlias.ToFrozenDictionary(StringComparer.Ordinal);

        static void Add(Dictionary<string, List<int>> map, string name, int i)
        {
            var key = PersonNames.Key(name);
            if (key.Length == 0)
            {
                return;
            }

            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(i);
        }
    }

    // Aliases that name a country's films or books ("日本电影", "日影", "日本作家") rather than the country itself.
    private static readonly string[] KindWords = ["电影", "小说", "作家", "文学"];

    /// <summary>The curated Chinese name of a person, studio or country (its shortest alias in Chinese: 日本, 诺兰), or null.</summary>
    public string? ChineseNameOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _knowledge.ByKey.TryGetValue(PersonNames.Key(name), out var entry) ? entry.Aliases.Where(a => PersonNames.HasCjk(a) && !KindWords.Any(a.Contains) && a[^1] is not ('片' or '影' or '的')).MinBy(a => a.Length)
            : null;
    }

    /// <summary>The fewest ratings a book author's works must have together for the full name to be read in any request.</summary>
    public const int WellKnownAuthorRatings = 100_000;

    /// <summary>The fewest catalog movies a director must have made for the full name to be read in any request.</summary>
    public const int WellKnownDirectorMovies = 3;

    // People the catalog credits beyond the curated ones, read by their full names ("ursula k le guin, where do I
    // start?"): authors whose books are widely read and directors of several films. A name of one word, or one that is
    // also a title of the catalog ("Alexander Hamilton"), is left to the curated file.
    private static List<PersonEntry> WellKnownCredits(ItemCatalog catalog, PeopleKnowledge knowledge, MoviePeople? moviePeople)
    {
        var titles = new HashSet<string>(catalog.Items.Select(i => PersonNames.Key(i.DisplayTitle)), StringComparer.Ordinal);
        var authors = new Dictionary<string, (string Name, long Ratings)>(StringComparer.Ordinal);
        foreach (var item in catalog.Items)
        {
            foreach (var author in item.Creators)
            {
                var key = PersonNames.Key(author);
                authors[key] = authors.TryGetValue(key, out var seen) ? (seen.Name, seen.Ratings + item.Popularity) : (author, item.Popularity);
            }
        }

        var result = new List<PersonEntry>();
        foreach (var (key, (name, ratings)) in authors)
        {
            if (ratings >= WellKnownAuthorRatings && Usable(key, name))
            {
                result.Add(new PersonEntry(name, PersonRole.Author, [], [], [], 0));
            }
        }

        if (moviePeople is not null)
        {
            foreach (var group in moviePeople.ByMovieId.Values.SelectMany(p => p.Directors).GroupBy(PersonNames.Key))
            {
                if (group.Count() >= WellKnownDirectorMovies && Usable(group.Key, group.First()))
                {
                    result.Add(new PersonEntry(group.First(), PersonRole.Director, [], [], [], 0));
                }
            }
        }

        return result;

        bool Usable(string key, string name) =>
            name.Split([' ', '.'], StringSplitOptions.RemoveEmptyEntries).Length >= 2 && !knowledge.ByKey.ContainsKey(key) && !titles.Contains(key);
    }

    /// <summary>The movie facts file in use, or null when it was not found (people are then matched to movies by tags only).</summary>
    public MoviePeople? MoviePeople { get; }

    /// <summary>The finder over the same curated data (the parser and the pipeline read names with it).</summary>
    public PersonFinder Finder { get; }

    /// <summary>The catalog indexed (positions in <see cref="PersonFacts.Items"/> refer to it).</summary>
    public ItemCatalog Catalog => _catalog;

    /// <summary>The curated data the index resolves aliases with.</summary>
    public PeopleKnowledge Knowledge => _knowledge;

    /// <summary>
    /// The person or studio <paramref name="name"/> stands for, with their items: a curated name or alias, or a name the
    /// catalog credits; null when neither the curated data nor the catalog knows it.
    /// </summary>
    public PersonFacts? Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = PersonNames.AliasKey(name);
        return key.Length == 0 ? null : _resolved.GetOrAdd(key, ResolveKey, name);
    }

    /// <summary>True when <paramref name="name"/> is a curated person or studio (whether or not the catalog holds their work).</summary>
    public bool IsCurated(string name) => _byAlias.ContainsKey(PersonNames.AliasKey(name));

    /// <summary>The curated people and studios the catalog holds nothing for (the start-up check reports them).</summary>
    public IReadOnlyList<string> MissingTargets() =>
        [.. _knowledge.ByKey.Values.Where(e => Resolve(e.Name) is not { Items.Length: > 0 }).Select(e => e.Name).Order(StringComparer.Ordinal)];

    private PersonFacts? ResolveKey(string key, string asked)
    {
        if (_byAlias.TryGetValue(key, out var entry))
        {
            var items = entry.Role is PersonRole.Studio or PersonRole.Franchise
                ? StudioItems(_knowledge.Collections.First(s => s.Name == entry.Name))
                : PersonItems(entry);
            return new PersonFacts(entry.Name, entry.Role, Floor(items));
        }

        // A name the curated data does not list counts only where the catalog credits it (a director, an actor, an
        // author), and only as a full name: tags alone would make any topic ("christmas") a person.
        var credited = _credited.GetValueOrDefault(key) ?? [];
        if (credited.Length == 0 || !(asked.Trim().Contains(' ', StringComparison.Ordinal) || PersonNames.HasCjk(asked)))
        {
            return null;
        }

        var all = new HashSet<int>(credited);
        var role = credited.Length > 0 && _catalog.Items[credited[0]].Domain == ItemDomain.Book ? PersonRole.Author : PersonRole.Director;
        all.UnionWith(Tagged(key, writesBooks: role == PersonRole.Author));
        return new PersonFacts(asked.Trim(), role, Floor(all));
    }

    /// <summary>How many credited films make a director's credits the whole evidence of their work.</summary>
    public const int MinCreditedWorks = 3;

    private HashSet<int> PersonItems(PersonEntry entry)
    {
        // A director the facts file credits with a body of work is known by the films they directed: users tag a director's
        // name on films they only produced, wrote or appeared in (Tarantino on Desperado), and the cast lists them there too.
        if (entry.Role == PersonRole.Director)
        {
            var directedItems = entry.Credits.Append(entry.Name).SelectMany(n => _directed.GetValueOrDefault(PersonNames.Key(n)) ?? []).ToHashSet();
            if (directedItems.Count >= MinCreditedWorks)
            {
                return directedItems;
            }
        }

        var items = new HashSet<int>();
        foreach (var name in entry.Credits.Append(entry.Name))
        {
            items.UnionWith(_credited.GetValueOrDefault(PersonNames.Key(name)) ?? []);
        }

        // Tags name people by full name or by an unambiguous surname ("tarantino"); never by a cue-only short name ("king").
        var writes = items.Any(i => _catalog.Items[i].Domain == ItemDomain.Book);
        foreach (var name in entry.Aliases.Where(a => !PersonNames.HasCjk(a)).Concat(entry.Credits).Append(entry.Name))
        {
            items.UnionWith(Tagged(PersonNames.Key(name), writes));
        }

        return items;
    }

    // The items tagged with a person's name; for an author, only the movies: the books are those credited to them, and
    // readers shelve other books under an author's name ("similar to").
    private IEnumerable<int> Tagged(string key, bool writesBooks) =>
        (_tagged.GetValueOrDefault(key) ?? []).Where(i => !writesBooks || _catalog.Items[i].Domain != ItemDomain.Book);

    // The rule stated in studios.yaml: a tag, a director (with the studio's genre), or a title marker (with the genre);
    // or the curated knowledge of what a film is (a film of a country's cinema).
    private HashSet<int> StudioItems(StudioEntry studio)
    {
        var items = new HashSet<int>();
        foreach (var included in _knowledge.Collections.Where(c => studio.Includes.Contains(c.Name, StringComparer.OrdinalIgnoreCase) && c.Name != studio.Name))
        {
            items.UnionWith(StudioItems(included));
        }

        foreach (var tag in studio.Tags)
        {
            items.UnionWith(_tagged.GetValueOrDefault(PersonNames.Key(tag)) ?? []);
        }

        var directors = studio.Directors.Select(PersonNames.Key).ToHashSet(StringComparer.Ordinal);
        var authors = studio.Authors.Select(PersonNames.Key).ToHashSet(StringComparer.Ordinal);
        var markers = studio.Titles.Select(t => " " + TitleWords(t) + " ").ToArray();
        for (var i = 0; i < _catalog.Count; i++)
        {
            var item = _catalog.Items[i];
            if (item.Domain == ItemDomain.Book && authors.Count > 0 && item.Creators.Any(c => authors.Contains(PersonNames.Key(c))))
            {
                items.Add(i);
                continue;
            }

            if (item.Domain != ItemDomain.Movie)
            {
                continue;
            }

            // Curated knowledge of where a film comes from (Catalog.MovieTopics: "Hong Kong", "South Korea").
            if (item.Topics.Contains(studio.Name, StringComparer.OrdinalIgnoreCase))
            {
                items.Add(i);
                continue;
            }

            if (studio.Genre is { } genre && !item.HasGenre(genre))
            {
                continue;
            }

            if (MoviePeople is not null && directors.Count > 0 && MoviePeople.ByMovieId.TryGetValue(item.Id, out var people)
                && people.Directors.Any(d => directors.Contains(PersonNames.Key(d))))
            {
                items.Add(i);
                continue;
            }

            if (markers.Length > 0)
            {
                var title = " " + TitleWords(item.DisplayTitle) + " ";
                if (markers.Any(m => title.Contains(m, StringComparison.Ordinal)))
                {
                    items.Add(i);
                }
            }
        }

        if (studio.YearFrom is { } from)
        {
            items.RemoveWhere(i => _catalog.Items[i].Year is not { } y || y < from);
        }

        foreach (var other in studio.Except)
        {
            items.ExceptWith(StudioItems(_knowledge.Collections.First(s => s.Name == other && s.Role == studio.Role)));
        }

        return items;
    }

    private int[] Floor(IEnumerable<int> items)
    {
        var kept = items.Where(i => _catalog.Items[i] is var item && (item.Domain != ItemDomain.Movie || item.Popularity >= MinMovieRatings)).ToArray();
        Array.Sort(kept);
        return kept;
    }

    // Lower-case words of a title, punctuation as spaces, so markers match whole words ("Thor" not "Author").
    private static string TitleWords(string title)
    {
        var chars = new char[title.Length];
        for (var i = 0; i < title.Length; i++)
        {
            chars[i] = char.IsLetterOrDigit(title[i]) ? char.ToLowerInvariant(title[i]) : ' ';
        }

        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
