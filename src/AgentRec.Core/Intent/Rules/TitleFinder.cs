using AgentRec.Core.Catalog;
using static AgentRec.Core.Intent.Rules.ActionRule;
using static AgentRec.Core.Intent.Rules.TitleCues;
using static AgentRec.Core.Intent.Rules.TitleText;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Title spans: after cues ("like", "similar to", "if I liked", "像", "类似"), in quotes, before comparing suffixes, judged, and Chinese film names.</summary>
internal sealed class TitleFinder
{
    private readonly TitleResolver? _titles;
    private readonly TitleSpans _spans;
    private readonly QuotedTitleRule _quoted;
    private readonly ChineseTitleRule _chinese;
    private readonly SuffixTitleRule _suffix;
    private readonly JudgedTitleRule _judged;

    /// <summary>Titles resolved with <paramref name="titles"/>; without one they stay unresolved.</summary>
    internal TitleFinder(TitleResolver? titles)
    {
        _titles = titles;
        _spans = new TitleSpans(titles);
        _quoted = new QuotedTitleRule(titles);
        _chinese = new ChineseTitleRule(titles, _spans);
        _suffix = new SuffixTitleRule(titles);
        _judged = new JudgedTitleRule(titles);
    }

    // Nouns for a whole series, said after its name ("the back to the future trilogy", "the Dune saga").
    private static readonly Vocabulary.ParserWords Words = Vocabulary.ParserWords.Default;

    internal void FindTitles(string lower, string cased, List<IntentToken> tokens, TitleFindings found, ItemDomain? domain)
    {
        _quoted.FindQuoted(lower, cased, tokens, found, domain);
        _chinese.FindChinese(lower, found, domain);
        _chinese.FindLatinBeforeChineseCue(tokens, found, domain);
        _suffix.FindBeforeSuffixCue(tokens, cased, found, domain);
        _judged.FindJudgedTitle(tokens, cased, found, domain);
        var explain = ExplainCue().IsMatch(lower) || Vocabulary.CueVocabulary.Default.AsksWhatItIsAbout(lower);
        FindSeriesSaidAsItsWorks(tokens, cased, found, domain);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (found.Masked[i] || !TryCue(tokens, i, explain, out var length, out var cue))
            {
                continue;
            }

            var start = i + length;
            if (start >= tokens.Count)
            {
                break;
            }

            // "read after the hunger games": a cue right after this one ("after") says what the name is; "after" is no title
            // here (as "I just read After" writes it, it is).
            if (!IsCapitalised(cased, tokens[start]) && TryCue(tokens, start, explain, out _, out _))
            {
                continue;
            }

            // "watch after Inception" names a title; "watch after dinner", "read after work" name a time of day. In lower
            // case only a title said exactly ("read after the hunger games") is one, and never words of the catalog's tags.
            if (tokens[i].Canon == "after" && !IsCapitalised(cased, tokens[start]) && !NamesTitleExactly(tokens, start, found, domain))
            {
                continue;
            }

            // "loved reading The Book Thief", "similar to the movie Blade Runner": the words before the name say what
            // it is, and so which catalog to look in.
            var (intro, named) = TitleIntro(tokens, start);
            if (named is not null && StartsAName(tokens, start + intro, found))
            {
                // "The Book Thief" is a name of its own, not "the book" Thief.
                (intro, named) = (GerundLength(tokens, start), null);
            }

            if (start + intro >= tokens.Count)
            {
                continue;
            }

            var before = found.Titles.Count;
            var added = found.Masked[start + intro] || _spans.ResolveSpans(tokens, start + intro, cased, found, named ?? domain);
            if (added && intro > 0 && named is not null && cue == Cue.Similar)
            {
                // The anchor's kind is not the kind asked for ("books like the movie Heat"): keep it out of the domain.
                Mask(found, start, start + intro);
            }
            if (added)
            {
                switch (cue)
                {
                    case Cue.Similar:
                        found.Similar = true;
                        break;
                    case Cue.Feedback:
                        found.Feedback = true;
                        break;
                    case Cue.LeaveOut:
                        found.LeftOut.AddRange(found.Titles.Skip(before));
                        break;
                }
            }
        }
    }

    // True when the words at start begin with a whole title of the catalog said exactly, not one word of its tags alone
    // ("the hunger games", "gone girl", "inception"; not "dinner", "work", "a breakup").
    private bool NamesTitleExactly(List<IntentToken> tokens, int start, TitleFindings found, ItemDomain? domain) =>
        _titles is not null && !Vocabulary.ParserWords.Default.AfterNotTitleStart.Contains(tokens[start].Canon)
        && _spans.TryResolvePrefix(tokens, start, SpanEnd(tokens, start, found), allowFuzzy: false, domain, out var k, out _, out _)
        && (k - start > 1 || !_titles.DescribesItems([tokens[start].Canon]));

    /// <summary>
    /// A title said with its author ("The Secret History by Donna Tartt wrecked me"): the words right before "by" and the
    /// author's name are that author's book, wherever they stand and with no cue before them.
    /// </summary>
    internal void FindTitleByAuthor(List<IntentToken> tokens, TitleFindings found, IEnumerable<(int Start, string Name)> authors)
    {
        if (_titles is null)
        {
            return;
        }

        foreach (var (start, name) in authors)
        {
            var at = tokens.FindIndex(t => t.Start >= start);
            var by = (at < 0 ? tokens.Count : at) - 1;
            while (by >= 0 && tokens[by].Kind != TokenKind.Word && tokens[by].Kind != TokenKind.Number)
            {
                by--;
            }

            if (by < 1 || tokens[by].Canon != "by")
            {
                continue;
            }

            var key = People.PersonNames.Key(name);
            for (var from = Math.Max(0, by - 6); from < by; from++)
            {
                if (!AllFreeWords(tokens, from, by, found))
                {
                    continue;
                }

                if (_titles.Resolve(Join(null, tokens, from, by), allowFuzzy: false, domain: ItemDomain.Book) is { } match
                    && match.Item.Domain == ItemDomain.Book && match.Item.Creators.Any(c => People.PersonNames.Key(c) == key))
                {
                    Claim(found, match, from, by);
                    break;
                }
            }
        }
    }

    // "What order should I watch the Harry Potter movies in?", "which Toy Story film is best": a series named by its
    // works needs no cue before it. Longest span first; a span of words only, none claimed yet.
    private void FindSeriesSaidAsItsWorks(List<IntentToken> tokens, string cased, TitleFindings found, ItemDomain? hinted)
    {
        if (_titles is null)
        {
            return;
        }

        for (var k = 1; k < tokens.Count; k++)
        {
            // "the Harry Potter movies", or a series noun in the conversation's kind ("back to the future trilogy").
            if (found.Masked[k] || (ItemNounDomain(tokens[k].Canon) ?? (Words.SeriesNouns.Contains(tokens[k].Canon) ? hinted ?? ItemDomain.Movie : null)) is not { } domain)
            {
                continue;
            }

            for (var pos = Math.Max(0, k - 5); pos < k; pos++)
            {
                if (!AllFreeWords(tokens, pos, k, found) || IsGenericCandidate(tokens, pos, k) || !_spans.NamesSeries(tokens, pos, k, cased))
                {
                    continue;
                }

                // The works must carry the name (a book its series' name: "the first mistborn book"): "the Harry Potter movies" are the films titled so, while "the James
                // Bond films" (a book series' name too) are no film of that title.
                var name = Join(null, tokens, tokens[pos].Canon == "the" ? pos + 1 : pos, k);
                if (_titles.Resolve(Join(null, tokens, pos, k), allowFuzzy: false, domain: domain) is { } match
                    && _titles.InKind(match, domain) is { } inKind && inKind.Item.Domain == domain
                    && ($" {TitleParser.Fold(inKind.Item.DisplayTitle)} ".Contains($" {TitleParser.Fold(name)} ", StringComparison.Ordinal)
                        || (Catalog.BookSeries.Of(inKind.Item.Title) is { } series && TitleParser.Fold(series) == TitleParser.Fold(name))))
                {
                    Claim(found, inKind, pos, k);
                    break;
                }
            }
        }
    }

    private static bool AllFreeWords(List<IntentToken> tokens, int from, int to, TitleFindings found)
    {
        for (var j = from; j < to; j++)
        {
            if (found.Masked[j] || tokens[j].Kind != TokenKind.Word)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Words between a cue and the name it introduces: a gerund ("reading", "watching") and "the movie" / "the book";
    /// their count, and the domain the noun names (null when none).
    /// </summary>
    internal static (int Length, ItemDomain? Domain) TitleIntro(List<IntentToken> tokens, int start)
    {
        var k = start + GerundLength(tokens, start);

        ItemDomain? domain = null;
        var article = k < tokens.Count && tokens[k].Canon is "the" or "that" ? 1 : 0;
        if (k + article < tokens.Count && k + article + 1 < tokens.Count && tokens[k + article + 1].IsWord)
        {
            domain = tokens[k + article].Canon switch
            {
                "movie" or "film" => ItemDomain.Movie,
                "book" or "novel" => ItemDomain.Book,
                _ => null,
            };
            if (domain is not null)
            {
                k += article + 1;
            }
        }

        return (k - start, domain);
    }

    internal static int GerundLength(List<IntentToken> tokens, int start) =>
        start < tokens.Count && tokens[start].Canon is "reading" or "watching" or "seeing" or "rewatching" or "rereading" ? 1 : 0;

    /// <summary>
    /// Whether the words before <paramref name="afterIntro"/> ("the book", "the movie") begin a catalog name that runs
    /// past them, exactly as written.
    /// </summary>
    internal bool StartsAName(List<IntentToken> tokens, int afterIntro, TitleFindings found)
    {
        var nounStart = afterIntro - 1;
        while (nounStart > 0 && tokens[nounStart - 1].Canon is "the" or "that")
        {
            nounStart--;
        }

        if (_titles is null)
        {
            return false;
        }

        for (var k = SpanEnd(tokens, nounStart, found); k > afterIntro; k--)
        {
            if (_titles.Resolve(Join(null, tokens, nounStart, k), allowFuzzy: false) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
