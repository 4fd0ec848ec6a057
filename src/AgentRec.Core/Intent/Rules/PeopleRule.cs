using AgentRec.Core.Catalog;
using AgentRec.Core.People;

namespace AgentRec.Core.Intent.Rules;

/// <summary>People and studios: found by <see cref="PersonFinder"/>, kept out of title and topic matching, and carried in the keywords.</summary>
internal sealed partial class PeopleRule
{
    private readonly TitleResolver? _titles;
    private readonly Lazy<FrozenSet<string>> _bookAuthors;
    private readonly PersonFinder _people;

    /// <summary>People read with <paramref name="people"/>; titles and book authors checked against <paramref name="titles"/>.</summary>
    internal PeopleRule(TitleResolver? titles, PersonFinder people)
    {
        _titles = titles;
        _bookAuthors = new Lazy<FrozenSet<string>>(BookAuthors);
        _people = people;
    }

    /// <summary>Whether a follow-up asks for another person than before ("换别的作家").</summary>
    internal bool AsksForSomeoneElse(string message) => _people.AsksForSomeoneElse(message);

    // The people a request names, less those that are part of a catalog title ("Shakespeare in Love", 《...》). One that
    // only says whose a named title is ("Orwell's 1984") is no request for their work: it is read (and blanked) as a
    // measure, like a name after "like", so the title alone is resolved.
    internal List<PersonMention> FindPeople(string cased)
    {
        var found = _people.Find(cased);
        if (found.Count == 0)
        {
            return [];
        }

        var kept = new List<PersonMention>(found.Count);
        foreach (var m in found)
        {
            if (!InsideTitle(cased, m))
            {
                kept.Add(OwnsTitle(cased, m) || Attributes(cased, m) ? m with { Likeness = m.Likeness || !m.Negated } : m);
            }
        }

        return kept;
    }

    // "Orwell's 1984", "Spielberg's Jaws": a possessive name right before words that are exactly a title.
    internal bool OwnsTitle(string cased, PersonMention m)
    {
        var end = m.Start + m.Length;
        if (_titles is null || !(cased.AsSpan(m.Start, m.Length).EndsWith("'s", StringComparison.OrdinalIgnoreCase)
                                 || cased.AsSpan(m.Start, m.Length).EndsWith("’s", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var words = cased[end..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var n = Math.Min(5, words.Length); n >= 1; n--)
        {
            if (_titles.Resolve(string.Join(' ', words, 0, n).TrimEnd('.', ',', '!', '?'), allowFuzzy: false) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // "The Martian by Andy Weir": a name after "by" that follows a title names its author, as "Orwell's 1984" does.
    internal bool Attributes(string cased, PersonMention m)
    {
        var before = cased.AsSpan(0, m.Start).TrimEnd();
        if (_titles is null || !before.EndsWith(" by", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var words = before[..^3].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var n = Math.Min(6, words.Length); n >= 1; n--)
        {
            if (_titles.Resolve(string.Join(' ', words, words.Length - n, n).Trim('.', ',', '!', '?', '"', '“', '”'), allowFuzzy: false, domain: ItemDomain.Book) is { } match
                && match.Item.Creators.Any(c => PersonNames.Key(c) == PersonNames.Key(m.Name)))
            {
                return true;
            }
        }

        return false;
    }

    // True when a curated Chinese title name longer than the mention covers it in the message.
    private static bool ChineseTitleHolds(string cased, PersonMention m)
    {
        if (m.Length == 0 || !IntentText.IsCjk(cased[m.Start]))
        {
            return false;
        }

        foreach (var (alias, _) in QuotedTitleRule.ChineseTitlesLongestFirst)
        {
            if (alias.Length <= m.Length)
            {
                break;
            }

            for (var at = cased.IndexOf(alias, StringComparison.Ordinal); at >= 0; at = cased.IndexOf(alias, at + 1, StringComparison.Ordinal))
            {
                if (at <= m.Start && at + alias.Length >= m.Start + m.Length)
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal bool InsideTitle(string cased, PersonMention m)
    {
        var before = cased.AsSpan(0, m.Start);
        if (before.LastIndexOf('《') > before.LastIndexOf('》') || before.Count('"') % 2 == 1 || before.Count('“') > before.Count('”'))
        {
            return true;
        }

        // "海边的卡夫卡" is Kafka on the Shore, not a request for Kafka: a Chinese title name holding the mention.
        if (ChineseTitleHolds(cased, m))
        {
            return true;
        }

        if (_titles is null || PersonNames.HasCjk(m.Name))
        {
            return false;
        }

        // Up to three words either side: a window around the name that is exactly a title makes the name part of it.
        var starts = new List<int> { m.Start };
        var ends = new List<int> { m.Start + m.Length };
        for (var i = m.Start - 1; i >= 0 && starts.Count < 4; i--)
        {
            if (cased[i] != ' ' && (i == 0 || cased[i - 1] == ' '))
            {
                starts.Add(i);
            }
        }

        for (var i = m.Start + m.Length; i < cased.Length && ends.Count < 4; i++)
        {
            if (cased[i] != ' ' && (i + 1 == cased.Length || cased[i + 1] == ' '))
            {
                ends.Add(i + 1);
            }
        }

        // A title that is only the name ("Hitchcock (2012)") does not count: the name is asked for as a person.
        var name = PersonNames.Key(cased.Substring(m.Start, m.Length));
        foreach (var start in starts)
        {
            foreach (var end in ends)
            {
                if ((start != m.Start || end != m.Start + m.Length)
                    && _titles.Resolve(cased[start..end].Trim(), allowFuzzy: false) is { } hit
                    && PersonNames.Key(hit.Item.DisplayTitle) != name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The names are read: blank them so that no title, genre or topic is read inside them ("Jane Austen" is no "Jane Eyre").
    // With a person named, a number right after "besides"/"除了" is a work of theirs ("Orwell besides 1984"), not a year.
    internal static (string Lower, string Cased) Blank(string lower, string cased, List<PersonMention> people)
    {
        var l = lower.ToCharArray();
        var c = cased.ToCharArray();
        foreach (var m in people)
        {
            Array.Fill(l, ' ', m.Start, m.Length);
            Array.Fill(c, ' ', m.Start, m.Length);
        }

        foreach (Match number in NumberTitleAfterExclusion().Matches(lower))
        {
            var g = number.Groups["n"];
            Array.Fill(l, ' ', g.Index, g.Length);
            Array.Fill(c, ' ', g.Index, g.Length);
        }

        return (new string(l), new string(c));
    }

    [GeneratedRegex(@"(?:\b(?:besides|except|other\s+than|apart\s+from|aside\s+from|not)\s+|除了|不要|不是)《?(?<n>\d{4})(?!\s*(?:年|s\b|'s\b))")]
    internal static partial Regex NumberTitleAfterExclusion();

    // An author implies books and a director, actor or studio movies, when the request does not say; a name the curated
    // data lacks implies books when the catalog holds books by it ("The Martian by Andy Weir").
    internal string? ImpliedDomain(List<PersonMention> people, string said)
    {
        // "not the usual tolkien / rowling stuff": authors ruled out still say books, where no one asked for says otherwise.
        string? ruledOut = null;
        foreach (var m in people)
        {
            if (m.Negated)
            {
                ruledOut ??= m.Role is PersonRole.Studio ? null : m.ImpliedDomain;
                continue;
            }

            // A country is said with its films or its books ("Japanese novels", 日本作家, 港片), or bare (要日本的, 日本):
            // then the rest of the request, or the conversation, says which.
            if (m.Role == PersonRole.Studio && m.Start + m.Length <= said.Length)
            {
                var text = said.Substring(m.Start, m.Length);
                if (Vocabulary.CueVocabulary.Default.DomainsIn(text).Book)
                {
                    return IntentDomains.Book;
                }

                // "Scandinavian ones": a country of films and books said bare leaves the kind to the conversation.
                var saysFilms = FilmWords().IsMatch(text);
                if (text.EndsWith('的') || (PersonNames.HasCjk(text) && !saysFilms)
                    || (_people.HasBooks(m.Name) && !Vocabulary.CueVocabulary.Default.DomainsIn(text).Movie && !saysFilms))
                {
                    continue;
                }
            }

            if (m.ImpliedDomain is { } domain)
            {
                return domain;
            }

            if (!m.Known && _bookAuthors.Value.Contains(PersonNames.Key(m.Name)))
            {
                return IntentDomains.Book;
            }
        }

        return ruledOut;
    }

    internal FrozenSet<string> BookAuthors()
    {
        var authors = new HashSet<string>(StringComparer.Ordinal);
        if (_titles is not null)
        {
            foreach (var item in _titles.Catalog.Items)
            {
                if (item.Domain == ItemDomain.Book)
                {
                    foreach (var author in item.Creators)
                    {
                        authors.Add(PersonNames.Key(author));
                    }
                }
            }
        }

        return authors.ToFrozenSet(StringComparer.Ordinal);
    }

    // A follow-up naming someone else asks about them instead ("what about Nolan?" after Spielberg), not both at once;
    // one ruling a person out or asking for someone else ("换别的作家") drops the earlier person.
    internal RecommendationIntent ReplacePeople(RecommendationIntent merged, List<PersonMention> people)
    {
        var keywords = new List<string>(merged.Keywords.Count);
        foreach (var k in merged.Keywords)
        {
            // A studio or country asked for before stays unless this turn rules it out: "russian ones" then "skip
            // Dostoevsky" still asks for Russian novels.
            if (people.Exists(p => !p.Negated && !p.Likeness && string.Equals(p.Name, k, StringComparison.OrdinalIgnoreCase)) || !IsPersonKeyword(k)
                || (IsStudioKeyword(k) && !people.Exists(p => string.Equals(p.Name, k, StringComparison.OrdinalIgnoreCase))))
            {
                keywords.Add(k);
            }
        }

        return merged with { Keywords = keywords };
    }

    private bool IsStudioKeyword(string keyword) => _people.Find(keyword) is [{ Known: true, Role: PersonRole.Studio }];

    internal bool IsPersonKeyword(string keyword) => _people.Find(keyword) is [{ Known: true } m] && m.Length >= keyword.Trim().Length;

    [GeneratedRegex(@"电影|片|影")]
    private static partial Regex FilmWords();
}
