using AgentRec.Core.Catalog;

namespace AgentRec.Core.People;

/// <summary>
/// The hard constraint a named person or studio puts on an answer: every returned item carries catalog evidence of
/// each of them (credited director, cast or author, a tag naming them, the studio's rule). The intent has no person
/// slot: a person travels as one of its keywords, canonical name, and is recognised here (by the curated aliases and
/// the catalog's credits), or as a name the request introduced with a cue ("films by Qwerty Zxcvb") that nobody knows.
/// </summary>
public sealed class PeopleConstraint
{
    private PeopleConstraint(IReadOnlyList<NamedPerson> named, bool[] allowed, RecommendationIntent retrievalIntent)
    {
        Named = named;
        Allowed = allowed;
        RetrievalIntent = retrievalIntent;
    }

    /// <summary>The people and studios named, in the order of the keywords.</summary>
    public IReadOnlyList<NamedPerson> Named { get; }

    /// <summary>Per catalog position: true when the item carries evidence of every named person (and is above the floor).</summary>
    public bool[] Allowed { get; }

    /// <summary>The intent for retrieval and ranking: the people's names are constraints, not topics to match in text.</summary>
    public RecommendationIntent RetrievalIntent { get; }

    /// <summary>True when some named person has nothing in the catalog for this request: the honest answer is no items.</summary>
    public bool Unanswerable => Named.Any(n => n.ItemCount == 0) || (Named.Count > 0 && !Array.Exists(Allowed, a => a));

    // Whether the request asks for the person rather than saying which named film is meant: named before the film
    // ("Murakami books? Already read Norwegian Wood"), right after a word that asks for them ("with", "starring", "by"),
    // or where the film's name is not in the words as written.
    private static bool AskedFor(PeopleIndex index, string name, string[] films, ReadOnlySpan<string?> messages)
    {
        if (messages.Length == 0 || messages[0] is not { } said)
        {
            return true;
        }

        var lower = said.ToLowerInvariant();
        var film = films.Select(f => lower.IndexOf(f.ToLowerInvariant(), StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        var mentions = index.Finder.Find(lower);
        // "Sanderson books", then "already read all of mistborn, what else has he got": a person the conversation carries
        // to a message that does not name them is asked for again, not a description of the title named.
        if (!mentions.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        foreach (var mention in mentions)
        {
            if (string.Equals(mention.Name, name, StringComparison.OrdinalIgnoreCase)
                && (film < 0 || mention.Start < film || index.Knowledge.Cues.AskingBefore.Any(w => lower.AsSpan(0, mention.Start).TrimEnd().EndsWith(w, StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    // Whether the request's own words join the two names with "or" ("Jackie Chan or John Woo", "诺兰或者维伦纽瓦").
    private static bool JoinedByOr(PeopleIndex index, string first, string second, ReadOnlySpan<string?> messages)
    {
        if (messages.Length == 0 || messages[0] is not { } said)
        {
            return false;
        }

        var lower = said.ToLowerInvariant();
        var mentions = index.Finder.Find(lower);
        for (var i = 1; i < mentions.Count; i++)
        {
            var (a, b) = (mentions[i - 1], mentions[i]);
            var start = a.Start + a.Length;
            if (string.Equals(a.Name, first, StringComparison.OrdinalIgnoreCase) && string.Equals(b.Name, second, StringComparison.OrdinalIgnoreCase)
                && b.Start >= start && OrBetween(lower.AsSpan(start, b.Start - start).Trim()))
            {
                return true;
            }
        }

        return false;
    }

    // "or" between two names, alone or closing a few words about the first ("john woo shootouts or jackie chan").
    private static bool OrBetween(ReadOnlySpan<char> between)
    {
        if (between is "or" or "/" or "或" or "或者" or "还是" or ", or")
        {
            return true;
        }

        if (between.Length > 40)
        {
            return false;
        }

        return (between.EndsWith(" or", StringComparison.Ordinal) || between.EndsWith("或者", StringComparison.Ordinal) || between.EndsWith('或'))
            && !between.Contains(" and ", StringComparison.Ordinal) && !between.Contains(" with ", StringComparison.Ordinal)
            && !between.Contains(',');
    }

    /// <summary>
    /// The constraint of <paramref name="intent"/>'s keywords that name people or studios, or null when none does.
    /// <paramref name="messages"/> are the request's own words (and the previous turn's), where an unfamiliar name's cue is read.
    /// </summary>
    public static PeopleConstraint? For(PeopleIndex index, ItemCatalog catalog, RecommendationIntent intent, params ReadOnlySpan<string?> messages) =>
        For(index, catalog, intent, seriesDone: false, messages);

    /// <summary>
    /// As above; <paramref name="seriesDone"/> says the request is done with a series it names and asks for others
    /// ("rewatched all of them, other space adventure movies?"): a film series named is then a measure, not the answer.
    /// </summary>
    public static PeopleConstraint? For(PeopleIndex index, ItemCatalog catalog, RecommendationIntent intent, bool seriesDone, params ReadOnlySpan<string?> messages)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(intent);
        var (ruledOut, likeness) = FindRuledOut(index, messages);
        if (intent.Keywords.Count == 0 && ruledOut.Count == 0)
        {
            return null;
        }

        HashSet<string>? unfamiliar = null;
        List<NamedPerson>? named = null;
        List<int[]?>? evidence = null;
        int? series = null;
        var topics = new List<string>(intent.Keywords.Count);
        var described = new List<string>();
        var namedFilms = intent.Action is IntentActions.Similar or IntentActions.Refine
            ? intent.SimilarTo.Select(t => t.ItemId is { } id ? catalog.IndexOf(id) : -1).Where(i => i >= 0).ToArray()
            : [];
        foreach (var keyword in intent.Keywords)
        {
            if (index.Resolve(keyword) is { } facts)
            {
                // "Heat (the Pacino / De Niro one), anything in that vein?": people of the named film who are not asked
                // for ("with", "starring") say which film it is; they are no constraint on the answer.
                // "东野圭吾的《嫌疑人X的献身》, anything like it?": a person whose only works here are the named ones says
                // which work is meant too; the answer is others like it.
                if (namedFilms.Length > 0 && Array.TrueForAll(namedFilms, a => facts.Items.Contains(a))
                    && ((intent.Action == IntentActions.Similar && !AskedFor(index, facts.Name, [.. namedFilms.Select(a => catalog.Items[a].DisplayTitle)], messages))
                        || Array.TrueForAll(facts.Items, namedFilms.Contains)))
                {
                    described.Add(keyword);
                    continue;
                }

                // "Star wars nerd, rewatched all of them to death. Other space adventure movies?": a film series done
                // with is a measure for others, not the answer.
                if (facts.Role == PersonRole.Franchise && seriesDone)
                {
                    ruledOut.Add(facts);
                    likeness.Add(facts);
                    continue;
                }

                // "Star wars is my all time fav" then "whats similar to it?": the series asked for before is the measure now.
                if (likeness.Exists(l => string.Equals(l.Name, facts.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                (named ??= []).Add(new NamedPerson(facts.Name, facts.Role, CountIn(catalog, facts.Items, intent.Domain)) { ChineseName = index.ChineseNameOf(facts.Name) });
                evidence ??= [];
                if (facts.Role == PersonRole.Franchise && series is { } k)
                {
                    // Two series named together ("007和碟中谍") ask for the films of either: a film is in one series.
                    evidence[k] = [.. evidence[k]!.Union(facts.Items)];
                    continue;
                }

                // "Jackie Chan or John Woo": people joined by "or" ask for the works of either.
                if (named.Count > 1 && evidence.Count > 0 && evidence[^1] is { } last && facts.Role != PersonRole.Studio
                    && named[^2].Role != PersonRole.Studio && JoinedByOr(index, named[^2].Name, facts.Name, messages))
                {
                    evidence[^1] = [.. last.Union(facts.Items)];
                    continue;
                }

                series = facts.Role == PersonRole.Franchise ? evidence.Count : series;
                evidence.Add(facts.Items);
                continue;
            }

            unfamiliar ??= Unfamiliar(index, messages);
            if (unfamiliar.Contains(PersonNames.Key(keyword)))
            {
                (named ??= []).Add(new NamedPerson(keyword.Trim(), null, 0));
                (evidence ??= []).Add(null);
                continue;
            }

            topics.Add(keyword);
        }

        if (named is null && ruledOut.Count == 0 && described.Count == 0)
        {
            return null;
        }

        named ??= [];
        evidence ??= [];
        var allowed = new bool[catalog.Count];
        if (evidence.Count == 0)
        {
            Array.Fill(allowed, true);
        }

        for (var k = 0; k < evidence.Count; k++)
        {
            if (evidence[k] is not { } items)
            {
                Array.Clear(allowed);
                break;
            }

            if (k == 0)
            {
                foreach (var i in items)
                {
                    allowed[i] = true;
                }

                continue;
            }

            // Two names are both constraints ("Spielberg films with Tom Hanks"): keep what carries each.
            var keep = new bool[catalog.Count];
            foreach (var i in items)
            {
                keep[i] = allowed[i];
            }

            allowed = keep;
        }

        var seriesAsked = false;
        List<string>? done = null;

        // Their titles the request leaves out ("what did Orwell write besides 1984 and Animal Farm?", "已经看过低俗小说"), and
        // a series of theirs it names ("Agatha Christie" then "just the Poirot ones"), which narrows the answer to it.
        if (messages.Length > 0 && messages[0] is { } said)
        {
            // "阿加莎的书里想看波洛探案的": a series named in Chinese is read by its English words.
            var english = said;
            foreach (var (chinese, name) in index.Knowledge.Cues.SeriesNames)
            {
                english = english.Replace(chinese, " " + name + " ", StringComparison.Ordinal);
            }

            var words = Words(english).Split(' ');
            var cues = index.Knowledge.Cues.TitlesDoneBefore;
            var theirs = evidence.SelectMany(e => e ?? []).Distinct().ToList();
            foreach (var i in theirs)
            {
                if (allowed[i] && NamedAsDone(cues, said, catalog.Items[i]))
                {
                    allowed[i] = false;
                    (done ??= []).Add(catalog.Items[i].Id);
                }
            }

            if (SeriesNamed(catalog, theirs, words, cues) is { } asked)
            {
                seriesAsked = !asked.RuledOut;
                foreach (var i in theirs)
                {
                    var inSeries = string.Equals(BookSeries.Of(catalog.Items[i].Title) is { } name ? SeriesKey(name) : null, asked.Key, StringComparison.Ordinal);
                    allowed[i] &= inSeries != asked.RuledOut;
                }
            }
        }

        // Someone ruled out ("斯蒂芬·金的看腻了", "anything but Nolan") is a constraint the other way: none of their items,
        // nor the companions of their series by others ("not the usual tolkien stuff": no Lord of the Rings Sketchbook).
        foreach (var facts in ruledOut)
        {
            foreach (var i in facts.Items)
            {
                allowed[i] = false;
            }

            RuleOutSeriesOf(catalog, facts.Items, allowed);
        }

        // "Authors like Sanderson": their best-known items are the anchors, as named titles are, and theirs are left out.
        var anchors = new List<CatalogItem>();
        foreach (var facts in likeness)
        {
            anchors.AddRange(facts.Items.Select(i => catalog.Items[i]).Where(item => CountIn(item, intent.Domain))
                .OrderByDescending(item => item.Popularity).Take(MaxAnchors));
        }

        var retrieval = intent with
        {
            Keywords = topics,
            SimilarTo = anchors.Count == 0 ? intent.SimilarTo : [.. intent.SimilarTo, .. anchors.Select(a => new TitleReference(a.DisplayTitle, a.Id))],
        };
        return new PeopleConstraint(named, allowed, retrieval)
        {
            RuledOut = [.. ruledOut.Select(f => f.Name)], Anchors = anchors, SeriesAsked = seriesAsked, Described = described, Done = done ?? [],
        };
    }

    /// <summary>How many of a person's best-known items stand for their style when the request asks for work like theirs.</summary>
    public const int MaxAnchors = 3;

    /// <summary>The items standing for a person whose style is asked for ("像诺兰那样的"), best known first.</summary>
    public IReadOnlyList<CatalogItem> Anchors { get; private init; } = [];

    /// <summary>True when the request names a series: a film series, or a series of the named person's books ("the Poirot ones").</summary>
    public bool SeriesAsked { get; private init; }

    /// <summary>Ids of the named people's works the request says are done ("Nolan? already seen the dark knight").</summary>
    public IReadOnlyList<string> Done { get; private init; } = [];

    /// <summary>The people and studios the request rules out, by canonical name.</summary>
    public IReadOnlyList<string> RuledOut { get; private init; } = [];

    /// <summary>People named only to say which film is meant ("Heat, the Pacino / De Niro one"): no constraint, no topic.</summary>
    public IReadOnlyList<string> Described { get; private init; } = [];

    // Named and ruled out in the request, or named as a measure ("authors like Sanderson": theirs are left out too); or,
    // when it asks for someone else ("换别的作家"), the people the previous turn asked for (a measure when it asks for
    // their style: "风格差不多的别的导演").
    private static (List<PersonFacts> RuledOut, List<PersonFacts> Likeness) FindRuledOut(PeopleIndex index, ReadOnlySpan<string?> messages)
    {
        var ruledOut = new List<PersonFacts>();
        var likeness = new List<PersonFacts>();
        if (messages.Length == 0 || messages[0] is not { } message)
        {
            return (ruledOut, likeness);
        }

        foreach (var m in index.Finder.Find(message))
        {
            if ((m.Negated || m.Likeness) && m.Known && index.Resolve(m.Name) is { } facts)
            {
                ruledOut.Add(facts);
                if (m.Likeness)
                {
                    likeness.Add(facts);
                }
            }
        }

        // "Star wars is my all time fav" then "whats similar to it?": the person or series asked for before is the measure.
        var style = index.Finder.AsksForLikeness(message);
        if (messages.Length > 1 && messages[1] is { } previous
            && (index.Finder.AsksForSomeoneElse(message) || (style && !index.Finder.Find(message).Any(m => m.Known))))
        {
            foreach (var m in index.Finder.Find(previous))
            {
                if (!m.Negated && m.Known && index.Resolve(m.Name) is { } facts)
                {
                    ruledOut.Add(facts);
                    if (style || m.Likeness)
                    {
                        likeness.Add(facts);
                    }
                }
            }
        }

        return (ruledOut, likeness);
    }

    // True when the message names the item (its title before any subtitle or series, from four letters or digits on) at
    // most six words after a cue that leaves it out, in the same sentence ("besides 1984 and Animal Farm").
    internal static bool NamedAsDone(IReadOnlyList<string> cues, string message, CatalogItem item)
    {
        // An omnibus ("Animal Farm / 1984") is done when any of its works is.
        var words = Words(message).Split(' ');
        return item.DisplayTitle.Split('/').Any(part => NamedAsDone(cues, words, Words(TitleStem(part))));
    }

    private static bool NamedAsDone(IReadOnlyList<string> cues, string[] words, string title)
    {
        if (title.Replace(" ", string.Empty, StringComparison.Ordinal).Length < 4)
        {
            return false;
        }

        var titleWords = title.Split(' ');
        for (var at = 0; at + titleWords.Length <= words.Length; at++)
        {
            if (words.AsSpan(at, titleWords.Length).SequenceEqual(titleWords) && CuedBefore(cues, words, at))
            {
                return true;
            }
        }

        return false;
    }

    // True when a cue ends at most six words before position at, in the same sentence.
    private static bool CuedBefore(IReadOnlyList<string> cues, string[] words, int at)
    {
        for (var start = at - 1; start >= 0 && start >= at - 8 && !IsSentenceEnd(words[start]); start--)
        {
            foreach (var cue in cues)
            {
                var c = Words(cue).Split(' ');
                if (start + 1 - c.Length >= 0 && at - (start + 1) <= 6 && words.AsSpan(start + 1 - c.Length, c.Length).SequenceEqual(c))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The series of the person's books the request names, by its whole name or its last word of five letters or more
    // ("the Poirot ones" for "Hercule Poirot"), and whether a cue rules it out; null when it names none of theirs.
    private static (string Key, bool RuledOut)? SeriesNamed(ItemCatalog catalog, List<int> theirs, string[] words, IReadOnlyList<string> cues)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in theirs)
        {
            if (BookSeries.Of(catalog.Items[i].Title) is { } series)
            {
                var key = SeriesKey(series);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        foreach (var key in counts.Where(kv => kv.Value >= 2).Select(kv => kv.Key))
        {
            var name = key.Split(' ');
            for (var at = 0; at < words.Length; at++)
            {
                var whole = at + name.Length <= words.Length && words.AsSpan(at, name.Length).SequenceEqual(name);
                if (whole || (name[^1].Length >= 5 && words[at] == name[^1]))
                {
                    return (key, CuedBefore(cues, words, at));
                }
            }
        }

        return null;
    }

    // Clears every book whose title holds, as whole words, the name of a series of the given items (of two words or
    // more, or one of eight letters or more: "Harry Potter", "The Lord of the Rings", "Discworld").
    private static void RuleOutSeriesOf(ItemCatalog catalog, int[] items, bool[] allowed)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in items)
        {
            if (catalog.Items[i].Domain == ItemDomain.Book && BookSeries.Of(catalog.Items[i].Title) is { } series
                && Words(series) is { } words && (words.Contains(' ', StringComparison.Ordinal) || words.Length >= 8))
            {
                names.Add($" {words} ");
            }
        }

        if (names.Count == 0)
        {
            return;
        }

        for (var i = 0; i < allowed.Length; i++)
        {
            if (allowed[i] && catalog.Items[i].Domain == ItemDomain.Book && $" {Words(catalog.Items[i].Title)} " is { } title
                && names.Any(n => title.Contains(n, StringComparison.Ordinal)))
            {
                allowed[i] = false;
            }
        }
    }

    // A series by its words, so that "Hercule Poirot" and "Hércules Poirot" editions meet at their last word.
    private static string SeriesKey(string series)
    {
        var words = Words(series).Split(' ');
        return words[^1].Length >= 5 ? words[^1] : string.Join(' ', words);
    }

    private static bool IsSentenceEnd(string word) => word is "." or "?" or "!" or "。" or "？" or "！" or ";" or "，" or ",";

    // "The Gunslinger (The Dark Tower, #1)" → "The Gunslinger"; "Animal Farm / 1984" stays whole.
    private static string TitleStem(string title)
    {
        var cut = title.IndexOfAny(['(', ':']);
        return cut > 0 ? title[..cut] : title;
    }

    // Lower-case words; sentence punctuation and each CJK character are words of their own, other punctuation a space.
    private static string Words(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length * 2);
        foreach (var ch in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch) && !PersonNames.IsCjk(ch))
            {
                sb.Append(ch);
            }
            else if (PersonNames.IsCjk(ch) || IsSentenceEnd(ch.ToString()))
            {
                sb.Append(' ').Append(ch).Append(' ');
            }
            else
            {
                sb.Append(' ');
            }
        }

        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static HashSet<string> Unfamiliar(PeopleIndex index, ReadOnlySpan<string?> messages)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message is null)
            {
                continue;
            }

            foreach (var mention in index.Finder.Find(message))
            {
                if (!mention.Known)
                {
                    keys.Add(PersonNames.Key(mention.Name));
                }
            }
        }

        return keys;
    }

    private static int CountIn(ItemCatalog catalog, int[] items, string domain)
    {
        var count = 0;
        foreach (var i in items)
        {
            if (CountIn(catalog.Items[i], domain))
            {
                count++;
            }
        }

        return count;
    }

    private static bool CountIn(CatalogItem item, string domain) =>
        domain == IntentDomains.Any || (domain == IntentDomains.Book) == (item.Domain == ItemDomain.Book);
}
