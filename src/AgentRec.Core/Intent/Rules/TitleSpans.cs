using AgentRec.Core.Catalog;
using AgentRec.Core.Intent.Vocabulary;
using static AgentRec.Core.Intent.Rules.TitleText;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Titles read from a span of words: the longest prefix the catalog knows, then further titles after "and", "or" and commas.</summary>
internal sealed class TitleSpans(TitleResolver? titles)
{
    private readonly TitleResolver? _titles = titles;

    // Reads one or more titles from a span: the longest prefix that resolves (exact names first, then fuzzy),
    // then further titles after "and", "or" or commas. Returns whether any title was added.
    internal bool ResolveSpans(List<IntentToken> tokens, int start, string cased, TitleFindings found, ItemDomain? domain)
    {
        var added = false;
        var pos = start;
        var first = true;
        while (pos < tokens.Count)
        {
            var end = SpanEnd(tokens, pos, found);
            if (end <= pos)
            {
                break;
            }

            // After "and"/"or" only a confident match continues the list: an exact name, or a capitalised one.
            var capitalised = IsCapitalised(cased, tokens[pos]);
            if (TryResolvePrefix(tokens, pos, end, first || capitalised, domain, out var k, out var yearTokens, out var match, cased))
            {
                Claim(found, match, pos, k + yearTokens);
                added = true;
                pos = k + yearTokens;
            }
            else
            {
                var stop = pos;
                while (stop < end && stop - pos < 6 && !IsSoftStop(tokens[stop]))
                {
                    stop++;
                }

                // "like the hand drawn ones", "the old kind": a description of items, not a name; so are words the
                // catalog's tags use, unless written as a name ("like habits, productivity" asks for topics).
                // Words right after a person's name describe their work ("like john woo shootouts").
                var described = (stop < tokens.Count && ParserWords.Default.DescribedNouns.Contains(tokens[stop].Canon))
                    || (!capitalised && _titles is not null && _titles.DescribesItems(Words(tokens, pos, stop)))
                    || AfterBlankedName(tokens, pos, cased);
                if (stop > pos && !described && !IsGenericCandidate(tokens, pos, stop) && (first || capitalised))
                {
                    found.Add(new TitleReference(Join(cased, tokens, pos, stop), null));
                    Mask(found, pos, stop);
                    added = true;
                    pos = stop;
                }
                else
                {
                    break;
                }
            }

            first = false;
            var next = pos;
            while (next < tokens.Count && tokens[next].Canon is "," or "and" or "or" or "&" or "plus" or "also" or "/" or "nor" or "、" or "，")
            {
                next++;
            }

            if (next == pos)
            {
                break;
            }

            pos = next;
        }

        return added;
    }

    /// <summary>
    /// The longest prefix of <paramref name="tokens"/>[<paramref name="pos"/>..<paramref name="end"/>] the catalog knows.
    /// With <paramref name="cased"/>, a prefix of a capitalised name that goes on in capitals ("Glass" of "The Glass
    /// Meridian Protocol", "Breakin'" of "Breaking Bad") is not that name: the name as written is unknown instead.
    /// </summary>
    internal bool TryResolvePrefix(
        List<IntentToken> tokens, int pos, int end, bool allowFuzzy, ItemDomain? domain, out int k, out int yearTokens, out TitleMatch match, string? cased = null)
    {
        k = 0;
        yearTokens = 0;
        match = null!;
        if (_titles is null)
        {
            return false;
        }

        for (var pass = 0; pass < (allowFuzzy ? 2 : 1); pass++)
        {
            for (k = end; k > pos; k--)
            {
                if (tokens[k - 1].Kind == TokenKind.Punct || (IsGenericCandidate(tokens, pos, k) && !LooksNamed(tokens, pos, k)))
                {
                    continue;
                }

                // "Marvel movies", "Disney stuff" name a kind; "the Harry Potter books" (or films) names a series, answered
                // by its works, and so does a title of two words or more said as their kind ("the Toy Story films", "the Godfather movies").
                if (k < tokens.Count && tokens[k].Canon is "movies" or "films" or "books" or "flicks" or "novels" or "stuff" or "shows" or "type" or "kind" or "style"
                    && !(tokens[k].Canon is "books" or "novels" or "movies" or "films" && NamesSeries(tokens, pos, k, cased)))
                {
                    continue;
                }

                if (cased is not null && k < end && NameGoesOn(tokens, k - 1, k, cased))
                {
                    continue;
                }

                int? year = null;
                yearTokens = 0;
                if (k < tokens.Count && IsYear(tokens[k]))
                {
                    year = int.Parse(tokens[k].Text, CultureInfo.InvariantCulture);
                    yearTokens = 1;
                }
                else if (k + 2 < tokens.Count && tokens[k].Text == "(" && IsYear(tokens[k + 1]) && tokens[k + 2].Text == ")")
                {
                    year = int.Parse(tokens[k + 1].Text, CultureInfo.InvariantCulture);
                    yearTokens = 3;
                }

                var text = Join(null, tokens, pos, k);
                // A lone lower-case word of the catalog's tags ("not stupid", "something dark") is that word, never a
                // near miss of a title ("The Stupids"); a misspelt name ("inceptoin") is no such word.
                if (pass == 1 && k - pos == 1 && !(cased is not null && IsCapitalised(cased, tokens[pos])) && _titles.DescribesItems([text]))
                {
                    continue;
                }

                // An exact hit in the other domain ("Pulp", a book, inside "movies like pulp fiktion") waits for the
                // fuzzy pass, which may find the title in the requested domain first.
                if (_titles.Resolve(text, year, allowFuzzy: pass == 1, domain) is { } m && (pass == 1 || domain is null || m.Item.Domain == domain))
                {
                    match = m;
                    return true;
                }
            }
        }

        return false;
    }

    // "Harry Potter" (a book series' name), or a title of two words or more that is a name for several ("Toy Story",
    // "the Godfather": a film and its sequels) or is written as a name ("Old School" said so, not "old school movies").
    internal bool NamesSeries(List<IntentToken> tokens, int pos, int k, string? cased)
    {
        var text = Join(null, tokens, pos, k);
        var article = tokens[pos].Canon == "the" ? 1 : 0;
        if (_titles is null)
        {
            return false;
        }

        if (_titles.IsSeriesName(text) || (k - pos > article && _titles.IsSeriesName(Join(null, tokens, pos + article, k))))
        {
            return true;
        }

        var domain = ItemNounDomain(tokens[k].Canon) ?? ItemDomain.Movie;
        return k - pos >= 2 && _titles.Resolve(text, allowFuzzy: false, domain: domain) is not null
            && (_titles.BeginsSeveralTitles(text, domain) || (cased is not null && IsCapitalised(cased, tokens[pos + article])));
    }

    // Both words are capitalised words of one name (not an item noun such as "Movies", not a joining word such as "And").
    private static bool NameGoesOn(List<IntentToken> tokens, int last, int next, string cased) =>
        tokens[last].Kind == TokenKind.Word && tokens[next].Kind == TokenKind.Word
        && IsCapitalised(cased, tokens[last]) && IsCapitalised(cased, tokens[next])
        && !IntentLexicon.ItemNouns.Contains(tokens[next].Canon) && !Vocabulary.ParserWords.Default.NameBreakers.Contains(tokens[next].Canon);

    private static IEnumerable<string> Words(List<IntentToken> tokens, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Kind == TokenKind.Word)
            {
                yield return tokens[i].Canon;
            }
        }
    }

    // The people a request names are blanked before titles are read: a run of spaces where a name stood.
    private static bool AfterBlankedName(List<IntentToken> tokens, int pos, string cased)
    {
        if (pos == 0 || tokens[pos].Start - tokens[pos - 1].End < 3 || tokens[pos].Start > cased.Length)
        {
            return false;
        }

        return cased.AsSpan(tokens[pos - 1].End, tokens[pos].Start - tokens[pos - 1].End).IsWhiteSpace();
    }
}
