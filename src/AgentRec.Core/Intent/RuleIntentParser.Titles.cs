using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;

namespace AgentRec.Core.Intent;

/// <summary>The titles a request names, the tokens they cover, and the cue that introduced them.</summary>
internal sealed class TitleFindings(int tokenCount)
{
    public bool[] Masked { get; } = new bool[tokenCount];

    public List<TitleReference> Titles { get; } = [];

    /// <summary>Substrings of the lower-case text that are titles inside CJK runs.</summary>
    public List<string> MaskedText { get; } = [];

    public bool Similar { get; set; }

    public bool Feedback { get; set; }

    public void Add(TitleReference title)
    {
        foreach (var t in Titles)
        {
            if (title.ItemId is not null ? t.ItemId == title.ItemId : string.Equals(t.Title, title.Title, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        Titles.Add(title);
    }
}

/// <summary>Title spans: after cues ("like", "similar to", "if I liked", "像", "类似"), in quotes, and Chinese film names.</summary>
public sealed partial class RuleIntentParser
{
    private enum Cue
    {
        Similar,
        Feedback,
        Explain,
    }

    private static readonly KeyValuePair<string, string>[] ChineseTitlesLongestFirst =
        [.. IntentLexicon.ChineseTitles.OrderByDescending(p => p.Key.Length)];

    private static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal)
    {
        "i", "we", "you", "they", "he", "she", "i'd", "we'd", "you'd", "they'd", "i'll", "we'll", "you'll", "people", "who",
        "kids", "wife", "husband", "son", "daughter", "girlfriend", "boyfriend", "friends", "i've", "we've", "i'm", "everyone",
        "niece", "nephew", "kid", "friend", "mom", "dad", "brother", "sister", "partner", "students", "class",
    };

    private static readonly HashSet<string> LikeVerbBridge = new(StringComparer.Ordinal)
    {
        "really", "also", "just", "kinda", "actually", "generally", "usually", "mostly", "totally", "still", "genuinely", "truly",
        "especially", "definitely", "do", "would", "'d", "might", "may", "will", "to", "not", "don't", "dont", "didn't", "didnt",
        "doesn't", "doesnt", "never", "always", "both", "all", "probably", "should", "must", "could", "did", "does", "absolutely",
        "quite", "sorta", "even", "only",
    };

    private static readonly HashSet<string> LikeNotCue = new(StringComparer.Ordinal)
    {
        "nothing", "feel", "feels", "felt", "feeling", "look", "looks", "looked", "seems", "seem", "sounds", "sound", "smells",
        "would", "to", "don't", "dont", "didn't", "didnt", "doesn't", "doesnt", "not", "might", "will", "may", "i'd", "we'd", "you'd",
        "un",
    };

    private static readonly HashSet<string> FeedbackVerbs = new(StringComparer.Ordinal)
    {
        "liked", "loved", "enjoyed", "love", "adore", "adored", "hated", "hate", "disliked", "dislike", "watched", "seen", "saw",
        "rewatched", "finished", "like", "enjoy", "read", "reread", "devoured", "binged", "inhaled",
    };

    private static readonly HashSet<string> ExplainVerbs = new(StringComparer.Ordinal)
    {
        "suggest", "suggested", "recommend", "recommended", "pick", "picked", "choose", "chose", "chosen", "include", "included",
        "suggesting", "recommending", "picking", "choosing", "including", "showing", "listing",
        "show", "showed", "list", "listed", "about", "explain", "give", "gave",
    };

    /// <summary>Words after "why" that start a question rather than a title ("why did you…", "why not…").</summary>
    private static readonly HashSet<string> ExplainNotTitle = new(StringComparer.Ordinal)
    {
        "did", "do", "does", "would", "will", "should", "could", "can", "you", "u", "i", "we", "not", "so", "this", "these",
        "those", "that", "them", "it", "there", "here", "they", "my", "your", "on", "in", "of", "is", "are", "was", "were", "a",
        "an", "such", "all", "only", "no", "any",
    };

    private static readonly HashSet<string> SpanBreakers = new(StringComparer.Ordinal)
    {
        "but", "please", "pls", "plz", "maybe", "perhaps", "except", "without", "instead", "though", "although", "because",
        "preferably", "ideally", "thanks", "thank", "thx", "which", "that", "who", "where", "when", "if", "so", "since", "yet",
        "cause", "cuz", "unless", "ok", "okay", "lol", "etc", "only", "just", "really", "any", "anything", "something",
    };

    private static readonly HashSet<string> SoftStops = new(StringComparer.Ordinal)
    {
        "from", "in", "with", "for", "about", "set", "made", "released", "and", "or", "but", "that", "movies", "films", "books",
        "film", "movie", "ones", "one", "stuff", "please", "tonight", "to", "where", "which", "who", "like", "by", "on", "at",
        "during", "before", "after", "since", "between", "around", "starring", "featuring", "except", "novels", "novel", "book",
        "series", "shows", "show", "more", "less", "but", "than", "only", "just", "too", "as", "better", "newer", "older",
    };

    private static readonly HashSet<string> GenericStarts = new(StringComparer.Ordinal)
    {
        "it", "its", "it's", "this", "that", "these", "those", "them", "they", "one", "ones", "first", "second", "third", "fourth",
        "fifth", "sixth", "last", "previous", "other", "others", "same", "something", "anything", "everything", "nothing", "stuff",
        "what", "which", "who", "you", "your", "me", "my", "our", "his", "her", "their", "i", "we", "he", "she", "to", "how", "when",
        "where", "watching", "reading", "more", "some", "any", "such", "lots", "movies", "films", "books", "movie", "film", "book",
        "something's", "whatever", "yours", "mine", "ones", "all", "both", "each", "every", "latter", "former", "next", "above",
        "earlier", "pre", "post", "circa", "another", "either", "there", "here", "us", "him", "watch", "read", "see",
    };

    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "good", "great", "best", "new", "old", "classic", "classics", "recent", "popular", "top", "fun", "nice", "cool", "really",
        "very", "so", "well", "much", "please", "thanks", "kind", "sort", "type", "genre", "genres", "style", "vibe", "vibes",
        "mood", "tone", "feel", "quality", "like", "similar", "etc", "and", "or", "but", "with", "without", "for", "from", "in",
        "on", "at", "of", "about", "by", "as", "than", "too", "also", "just", "only", "long", "short", "light", "dark", "weird",
        "sad", "happy", "cute", "smart", "deep", "clever", "serious", "heavy", "easy", "silly", "cheesy", "exciting",
        "interesting", "beautiful", "original", "underrated", "overrated", "famous", "modern", "foreign", "english",
        "chinese", "french", "japanese", "korean", "american", "british", "indian", "european", "hollywood", "bollywood",
        "indie", "independent", "year", "years", "decade", "era", "time", "night", "tonight", "today", "weekend", "date",
        "evening", "the", "a", "an", "lot", "bit", "little", "big", "small", "real", "true", "whole", "entire", "sequel",
        "sequels", "remake", "remakes", "franchise", "trilogy", "ones", "older", "newer", "better", "worse", "more", "less",
        "action-packed", "feel-good", "slow", "fast", "epic", "gritty", "violent", "bloody", "mindless", "thoughtful", "emotional",
    };

    private void FindTitles(string lower, string cased, List<IntentToken> tokens, TitleFindings found, ItemDomain? domain)
    {
        FindQuoted(lower, cased, tokens, found, domain);
        FindChinese(lower, found, domain);
        FindLatinBeforeChineseCue(tokens, found, domain);
        FindBeforeSuffixCue(tokens, cased, found, domain);
        FindJudgedTitle(tokens, cased, found, domain);
        var explain = ExplainCue().IsMatch(lower);
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

            var added = found.Masked[start + intro] || ResolveSpans(tokens, start + intro, cased, found, named ?? domain);
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
                }
            }
        }
    }

    /// <summary>
    /// Words between a cue and the name it introduces: a gerund ("reading", "watching") and "the movie" / "the book";
    /// their count, and the domain the noun names (null when none).
    /// </summary>
    private static (int Length, ItemDomain? Domain) TitleIntro(List<IntentToken> tokens, int start)
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

    private static int GerundLength(List<IntentToken> tokens, int start) =>
        start < tokens.Count && tokens[start].Canon is "reading" or "watching" or "seeing" or "rewatching" or "rereading" ? 1 : 0;

    /// <summary>
    /// Whether the words before <paramref name="afterIntro"/> ("the book", "the movie") begin a catalog name that runs
    /// past them, exactly as written.
    /// </summary>
    private bool StartsAName(List<IntentToken> tokens, int afterIntro, TitleFindings found)
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

    private bool TryCue(List<IntentToken> tokens, int i, bool explain, out int length, out Cue cue)
    {
        length = 0;
        cue = Cue.Similar;
        var t = tokens[i];
        if (t.Kind == TokenKind.Cjk)
        {
            // An English title right after a Chinese cue: "类似Inception的", "我喜欢Heat".
            if (i + 1 < tokens.Count && tokens[i + 1].IsWord)
            {
                var cjk = ChineseCueBeforeLatin().Match(t.Text);
                if (cjk.Success)
                {
                    length = 1;
                    cue = cjk.Groups["fb"].Success ? Cue.Feedback : cjk.Groups["ex"].Success ? Cue.Explain : Cue.Similar;
                    return true;
                }
            }

            return false;
        }

        if (t.Kind != TokenKind.Word)
        {
            return false;
        }

        var w = t.Canon;
        string At(int k) => i + k < tokens.Count && i + k >= 0 ? tokens[i + k].Canon : "";
        switch (w)
        {
            case "like" when !IsLikeVerb(tokens, i):
                length = 1;
                return true;
            case "similar" when At(1) is "to" or "with":
            case "such" when At(1) == "as":
            case "reminiscent" when At(1) == "of":
            case "comparable" when At(1) == "to":
            case "akin" when At(1) == "to":
            case "inspired" when At(1) == "by":
            case "fans" or "fan" when At(1) == "of":
                length = 2;
                return true;
            case "similar" when At(1) is "vibe" or "vibes" or "feel" or "tone" && At(2) is "to" or "as":
            case "reminds" when At(1) is "me" or "you" && At(2) == "of":
            case "same" when At(1) is "vibe" or "vibes" or "feel" or "style" && At(2) is "as" or "to":
                length = 3;
                return true;
            case "as" when At(2) == "as" && At(1) is { Length: > 0 } mid && mid is not ("well" or "long" or "soon" or "far" or "much" or "many"):
                length = 3;
                return true;
            case "in" when At(1) == "the" && At(2) is "vein" or "style" or "spirit" && At(3) == "of":
            case "along" when At(1) == "the" && At(2) == "lines" && At(3) == "of":
                length = 4;
                return true;
            case "resembling" or "resembles":
                length = 1;
                return true;
            case "vein" or "spirit" or "mold" or "mould" when At(1) is "as" or "of":
                length = 2;
                return true;
        }

        // "I couldn't stand Mean Girls", "can't stand Twilight".
        if (w == "stand" && At(-1) is "couldn't" or "couldnt" or "can't" or "cant" or "cannot")
        {
            length = 1;
            cue = Cue.Feedback;
            return true;
        }

        if (explain && ExplainVerbs.Contains(w) && At(1) is not ("why" or "how" or "what" or "me" or "to" or "us"))
        {
            length = 1;
            cue = Cue.Explain;
            return true;
        }

        // "Why Zodiac?", "why is Heat on the list", "how come Rear Window is there", "what makes Alien a good pick".
        var lead = w switch
        {
            "why" => 1,
            "come" when At(-1) == "how" => 1,
            "how" when At(1) is "is" or "was" or "are" or "does" or "do" or "did" => 2,
            "makes" when At(-1) == "what" => 1,
            _ => 0,
        };
        if (explain && lead > 0)
        {
            var next = At(lead);
            if (next is "is" or "was" or "are" or "were" or "'s")
            {
                lead++;
                next = At(lead);
            }

            if (next.Length > 0 && !ExplainNotTitle.Contains(next))
            {
                length = lead;
                cue = Cue.Explain;
                return true;
            }
        }

        if (FeedbackVerbs.Contains(w) && HasSubject(tokens, i))
        {
            // "finished all the Harry Potter books", "read all of the Dune books": the series follows.
            length = At(1) == "all" && At(2) == "the" ? 3 : At(1) == "all" && At(2) == "of" && At(3) == "the" ? 4 : 1;
            cue = Cue.Feedback;
            for (var j = i - 1; j >= 0 && j >= i - 4; j--)
            {
                if (tokens[j].Canon is "if" or "since" or "because" or "cause" or "as")
                {
                    cue = Cue.Similar;
                }
            }

            return true;
        }

        return false;
    }

    private static bool HasSubject(List<IntentToken> tokens, int i)
    {
        if (i == 0 || tokens[i - 1].Kind == TokenKind.Punct)
        {
            return tokens[i].Canon is not ("like" or "love" or "enjoy" or "hate" or "dislike") || i == 0;
        }

        for (var j = i - 1; j >= 0 && j >= i - 4; j--)
        {
            var w = tokens[j].Canon;
            if (Pronouns.Contains(w))
            {
                return true;
            }

            if (!LikeVerbBridge.Contains(w) && w is not ("have" or "'ve" or "already" or "once" or "recently" or "just" or "had"))
            {
                return PastSubject(tokens, i);
            }

            // "already watched Memento", "just finished The Road": the sentence starts with the verb's adverbs, the
            // speaker is the subject. Present tense there ("really love Heat") stays a request's wording.
            if (j == 0 || tokens[j - 1].Kind == TokenKind.Punct)
            {
                return tokens[i].Canon is not ("like" or "love" or "enjoy" or "hate" or "dislike");
            }
        }

        return false;
    }

    // "My daughter is 11 and finished all the Harry Potter books": a past-tense verb whose person comes earlier in the
    // same clause, joined by "and".
    private static bool PastSubject(List<IntentToken> tokens, int i)
    {
        if (tokens[i].Canon is "like" or "love" or "enjoy" or "hate" or "dislike" or "adore" or "read")
        {
            return false;
        }

        var joined = false;
        for (var j = i - 1; j >= 0 && j >= i - 7 && tokens[j].Kind != TokenKind.Punct; j--)
        {
            joined |= tokens[j].Canon == "and";
            if (joined && Pronouns.Contains(tokens[j].Canon))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> SensoryVerbs = new(StringComparer.Ordinal)
    {
        "feel", "feels", "felt", "look", "looks", "looked", "seem", "seems", "sound", "sounds", "smells",
    };

    /// <summary>Whether the verb at <paramref name="verb"/> has a person as its subject ("I really feel", "we like"), across adverbs.</summary>
    private static bool HasPersonalSubject(List<IntentToken> tokens, int verb)
    {
        for (var j = verb - 1; j >= 0 && j >= verb - 4; j--)
        {
            var w = tokens[j].Canon;
            if (Pronouns.Contains(w))
            {
                return true;
            }

            if (!LikeVerbBridge.Contains(w))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsLikeVerb(List<IntentToken> tokens, int i)
    {
        if (i == 0)
        {
            return false;
        }

        if (LikeNotCue.Contains(tokens[i - 1].Canon))
        {
            // "movies that feel like Amelie" compares; "I feel like a comedy" says what the person wants.
            return !(SensoryVerbs.Contains(tokens[i - 1].Canon) && !HasPersonalSubject(tokens, i - 1));
        }

        return HasPersonalSubject(tokens, i);
    }

    // Reads one or more titles from a span: the longest prefix that resolves (exact names first, then fuzzy),
    // then further titles after "and", "or" or commas. Returns whether any title was added.
    private bool ResolveSpans(List<IntentToken> tokens, int start, string cased, TitleFindings found, ItemDomain? domain)
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
            if (TryResolvePrefix(tokens, pos, end, first || capitalised, domain, out var k, out var yearTokens, out var match))
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

                if (stop > pos && !IsGenericCandidate(tokens, pos, stop) && (first || capitalised))
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

    private static bool IsSoftStop(IntentToken t) =>
        t.Kind != TokenKind.Word || SoftStops.Contains(t.Canon) || IntentLexicon.EnglishGenres.ContainsKey(GenreKey(t.Canon))
        || DecadeToken().IsMatch(t.Canon);

    private static int SpanEnd(List<IntentToken> tokens, int pos, TitleFindings found)
    {
        var end = pos;
        while (end < tokens.Count && end - pos < 12)
        {
            var t = tokens[end];
            if (found.Masked[end] || t.Kind == TokenKind.Cjk)
            {
                break;
            }

            if (t.Kind == TokenKind.Punct)
            {
                var joins = t.Text is ":" or "&" or "-" or "." or "'" or "!" && end > pos && end + 1 < tokens.Count
                    && tokens[end + 1].IsWord && !(t.Text is "." or "!" && tokens[end + 1].SpaceBefore);
                if (!joins)
                {
                    break;
                }
            }
            else if (end > pos && SpanBreakers.Contains(t.Canon))
            {
                break;
            }

            end++;
        }

        return end;
    }

    private bool TryResolvePrefix(List<IntentToken> tokens, int pos, int end, bool allowFuzzy, ItemDomain? domain, out int k, out int yearTokens, out TitleMatch match)
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

                // "Marvel movies", "Disney stuff" name a kind; "the Harry Potter books" names a series, answered by its books.
                if (k < tokens.Count && tokens[k].Canon is "movies" or "films" or "books" or "flicks" or "novels" or "stuff" or "shows" or "type" or "kind" or "style"
                    && !(tokens[k].Canon is "books" or "novels" && _titles.IsSeriesName(Join(null, tokens, pos, k))))
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

    private static bool IsYear(IntentToken t) =>
        t.Kind == TokenKind.Number && t.Text.Length == 4 && int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && y is >= 1870 and <= 2100;

    private static bool IsGenericCandidate(List<IntentToken> tokens, int pos, int k)
    {
        var first = tokens[pos].Canon;
        var article = first is "the" or "a" or "an" && k - pos > 1;
        if (article)
        {
            first = tokens[pos + 1].Canon;
        }

        // "the book" is generic, "The Book Thief" need not be: a kind noun after an article leaves it to the other words.
        var kindThenMore = article && first is "book" or "movie" or "film" or "novel" && k - pos > 2;
        // "pre-1970", "post-2000": a bound on years, read by the year rules.
        var yearBound = (first.StartsWith("pre-", StringComparison.Ordinal) || first.StartsWith("post-", StringComparison.Ordinal))
            && first.Length > 4 && char.IsAsciiDigit(first[^1]);
        if ((GenericStarts.Contains(first) && !kindThenMore) || yearBound)
        {
            return true;
        }

        for (var j = pos; j < k; j++)
        {
            var t = tokens[j];
            if (t.Kind == TokenKind.Punct)
            {
                continue;
            }

            var w = t.Canon;
            if (j + 1 < k && IntentLexicon.EnglishGenres.TryGetValue(GenreKey(w + tokens[j + 1].Canon), out var pair) && pair.Length > 0)
            {
                // "sci fi", "film noir": a genre written as two words.
                j++;
                continue;
            }

            if (!(IntentLexicon.ItemNouns.Contains(w) || CommonWords.Contains(w) || IntentLexicon.NumberWords.ContainsKey(w)
                || IntentLexicon.EnglishGenres.ContainsKey(GenreKey(w)) || DecadeToken().IsMatch(w)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A span that starts with a generic word but goes on with two or more uncommon ones ("My Neighbour Totoro"; "It
    /// Follows" does not): worth a lookup, loose ones included.
    /// </summary>
    private static bool LooksNamed(List<IntentToken> tokens, int pos, int k)
    {
        var uncommon = 0;
        for (var j = pos + 1; j < k; j++)
        {
            var w = tokens[j].Canon;
            if (tokens[j].IsWord && !(IntentLexicon.ItemNouns.Contains(w) || CommonWords.Contains(w) || GenericStarts.Contains(w)
                || IntentLexicon.NumberWords.ContainsKey(w) || IntentLexicon.EnglishGenres.ContainsKey(GenreKey(w))))
            {
                uncommon++;
            }
        }

        return uncommon >= 2;
    }

    /// <summary>Records a resolved name and masks the tokens [from, to) it was read from.</summary>
    private static void Claim(TitleFindings found, TitleMatch match, int from, int to)
    {
        found.Add(new TitleReference(match.Item.Title, match.Item.Id));
        Mask(found, from, to);
    }

    private static bool IsCapitalised(string cased, IntentToken token) => token.Start < cased.Length && char.IsUpper(cased[token.Start]);

    /// <summary>Whether <paramref name="token"/> cannot sit inside a name: Chinese text, or punctuation other than a name's own (' : . &amp; -).</summary>
    private static bool BreaksName(IntentToken token) =>
        token.Kind == TokenKind.Cjk || (token.Kind == TokenKind.Punct && token.Text is not ("'" or ":" or "." or "&" or "-"));

    private static void Mask(TitleFindings found, int from, int to)
    {
        for (var j = from; j < to && j < found.Masked.Length; j++)
        {
            found.Masked[j] = true;
        }
    }

    private static string Join(string? cased, List<IntentToken> tokens, int from, int to)
    {
        var sb = new StringBuilder();
        for (var j = from; j < to; j++)
        {
            if (j > from && tokens[j].SpaceBefore)
            {
                sb.Append(' ');
            }

            sb.Append(cased is null ? tokens[j].Text : cased.AsSpan(tokens[j].Start, tokens[j].End - tokens[j].Start));
        }

        return sb.ToString();
    }

    private void FindQuoted(string lower, string cased, List<IntentToken> tokens, TitleFindings found, ItemDomain? domain)
    {
        foreach (Match m in QuotedTitle().Matches(lower))
        {
            var g = m.Groups["t"];
            var inner = cased.Substring(g.Index, g.Length).Trim();
            if (inner.Length == 0)
            {
                continue;
            }

            var reference = ResolveLoose(inner, domain);
            if (reference is null)
            {
                continue;
            }

            found.Add(reference);
            var any = false;
            for (var j = 0; j < tokens.Count; j++)
            {
                if (tokens[j].Start >= g.Index && tokens[j].End <= g.Index + g.Length)
                {
                    found.Masked[j] = true;
                    any = true;
                }
            }

            if (!any)
            {
                found.MaskedText.Add(lower.Substring(g.Index, g.Length));
            }
        }
    }

    // A quoted or Chinese name: the Chinese alias table first, then the catalog; null for generic words.
    private TitleReference? ResolveLoose(string text, ItemDomain? domain)
    {
        var lower = text.ToLowerInvariant();
        foreach (var (alias, english) in ChineseTitlesLongestFirst)
        {
            if (lower == alias)
            {
                return _titles?.Resolve(english, domain: domain) is { } am ? new TitleReference(am.Item.Title, am.Item.Id) : new TitleReference(text, null);
            }
        }

        var words = IntentText.Tokenize(lower);
        if (words.Count == 0 || IsGenericCandidate(words, 0, words.Count))
        {
            return null;
        }

        return _titles?.Resolve(text, domain: domain) is { } match ? new TitleReference(match.Item.Title, match.Item.Id) : new TitleReference(text, null);
    }

    /// <summary>
    /// English names followed by a Chinese cue: "Pride and Prejudice这本书我很喜欢" (feedback), "Inception这样的电影",
    /// "Top Gun、Terminator 2这一类的" (similar). Each name runs over a whole Latin run; runs may be joined by 、 , 和 与.
    /// </summary>
    private void FindLatinBeforeChineseCue(List<IntentToken> tokens, TitleFindings found, ItemDomain? domain)
    {
        var runs = new List<(int Start, int End)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (found.Masked[i] || tokens[i].Kind != TokenKind.Word || (i > 0 && tokens[i - 1].IsWord))
            {
                continue;
            }

            runs.Clear();
            var at = i;
            Match? cue = null;
            while (at < tokens.Count && tokens[at].Kind == TokenKind.Word && runs.Count < 5)
            {
                var end = SpanEnd(tokens, at, found);
                runs.Add((at, end));
                if (end >= tokens.Count)
                {
                    break;
                }

                if (tokens[end].Kind == TokenKind.Cjk && ChineseCueAfterLatin().Match(tokens[end].Text) is { Success: true } m)
                {
                    cue = m;
                    break;
                }

                var joined = tokens[end].Text is "、" or "," or "，" or "/" || (tokens[end].Kind == TokenKind.Cjk && tokens[end].Text is "和" or "跟" or "与" or "或" or "或者" or "还有" or "以及");
                if (!joined || end + 1 >= tokens.Count || !tokens[end + 1].IsWord)
                {
                    break;
                }

                at = end + 1;
            }

            if (cue is null)
            {
                continue;
            }

            // Only names the catalog knows, each covering its whole run: English words in Chinese text are often not titles.
            var matches = new List<TitleMatch>(runs.Count);
            foreach (var (from, to) in runs)
            {
                if (!TryResolvePrefix(tokens, from, to, allowFuzzy: true, domain, out var k, out var yearTokens, out var match) || k + yearTokens != to)
                {
                    matches.Clear();
                    break;
                }

                matches.Add(match);
            }

            for (var r = 0; r < matches.Count; r++)
            {
                Claim(found, matches[r], runs[r].Start, runs[r].End);
            }

            if (matches.Count > 0)
            {
                if (cue.Groups["fb"].Success)
                {
                    // "这部动画太好看了" judges the title; its words ("动画") are not a request's genre.
                    found.MaskedText.Add(cue.Value);
                    found.Feedback = true;
                }
                else
                {
                    found.Similar = true;
                }
            }
        }
    }

    /// <summary>
    /// A name before a suffix that compares: "Godfather-style movies", "Schindler's List-like films", "Finding Nemo type
    /// movies", "Alien kind of stuff". The name is the longest run of words before the suffix that the catalog knows
    /// (exactly, or loosely when it is capitalised as written).
    /// </summary>
    private void FindBeforeSuffixCue(List<IntentToken> tokens, string cased, TitleFindings found, ItemDomain? domain)
    {
        if (_titles is null)
        {
            return;
        }

        for (var c = 0; c < tokens.Count; c++)
        {
            // The suffix is a token of its own ("Nemo type movies", "Heat - style") or the end of a hyphenated word
            // ("Godfather-style", "List-like"), whose first part then ends the name.
            var glued = tokens[c].Kind == TokenKind.Word && found.Masked[c] is false ? GluedSuffixStem(tokens[c].Text) : null;
            if (glued is null && (c == 0 || !IsSuffixCue(tokens, c) || found.Masked[c - 1]))
            {
                continue;
            }

            var last = glued is null ? c : c + 1;
            for (var from = Math.Max(0, c - 8); from < last; from++)
            {
                if (from < c && (!tokens[from].IsWord || RangeBroken(tokens, found, from, c) || (glued is null && IsGenericCandidate(tokens, from, c))))
                {
                    continue;
                }

                var capitalised = IsCapitalised(cased, tokens[from]);
                var text = glued is null ? Join(null, tokens, from, c) : from < c ? Join(null, tokens, from, c) + " " + glued : glued;
                if (text.Length > 1 && _titles.Resolve(text, allowFuzzy: capitalised, domain: domain) is { } match)
                {
                    Claim(found, match, from, last);
                    found.Similar = true;
                    break;
                }
            }
        }
    }

    private static readonly HashSet<string> Verdicts = new(StringComparer.Ordinal)
    {
        "not", "so", "really", "too", "pretty", "kinda", "absolutely", "totally", "very", "quite", "such", "just", "great",
        "amazing", "awesome", "good", "bad", "terrible", "awful", "boring", "funny", "brilliant", "fantastic", "overrated",
        "underrated", "meh", "okay", "ok", "fine", "incredible", "excellent", "perfect", "beautiful", "masterpiece", "trash",
        "garbage", "disappointing", "hilarious", "scary", "sad", "wonderful", "fun", "slow", "dull", "weird", "stupid",
        "genius", "gorgeous", "mediocre", "forgettable", "unwatchable", "unreadable", "lame", "cool", "nice", "solid", "superb",
        "a", "an", "the", "one", "my", "way", "super", "extremely", "incredibly", "surprisingly", "rather", "overly", "far",
        "kind", "sort", "bit", "slightly", "honestly", "definitely", "easily", "probably",
    };

    /// <summary>
    /// A name that opens a sentence and is judged: "the hangover was not funny at all", "Heat is a masterpiece", "1984 was
    /// a great read". Feedback on that title; the judgement's words ("not funny") are no request for genres.
    /// </summary>
    private void FindJudgedTitle(List<IntentToken> tokens, string cased, TitleFindings found, ItemDomain? domain)
    {
        if (_titles is null)
        {
            return;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (found.Masked[i] || !tokens[i].IsWord || (i > 0 && tokens[i - 1].Kind != TokenKind.Punct))
            {
                continue;
            }

            for (var v = i + 1; v < tokens.Count && v <= i + 9; v++)
            {
                if (found.Masked[v] || BreaksName(tokens[v]))
                {
                    break;
                }

                if (tokens[v].Canon is not ("was" or "is" or "were" or "'s") || v + 1 >= tokens.Count || !Verdicts.Contains(tokens[v + 1].Canon)
                    || IsGenericCandidate(tokens, i, v))
                {
                    continue;
                }

                var capitalised = IsCapitalised(cased, tokens[i]);
                if (_titles.Resolve(Join(null, tokens, i, v), allowFuzzy: capitalised, domain: domain) is not { } match)
                {
                    break;
                }

                var end = v;
                while (end < tokens.Count && !(tokens[end].Kind == TokenKind.Punct && tokens[end].Text is "," or "." or "!" or "?" or ";"))
                {
                    end++;
                }

                Claim(found, match, i, end);
                found.Feedback = true;
                break;
            }
        }
    }

    /// <summary>"godfather-style" → "godfather"; null for a word without a comparing suffix.</summary>
    private static string? GluedSuffixStem(string word)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["-style", "-like", "-esque", "-type", "-inspired", "-ish", "-flavored", "-flavoured"])
        {
            if (word.Length > suffix.Length + 1 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return null;
    }

    private static bool IsSuffixCue(List<IntentToken> tokens, int c)
    {
        var t = tokens[c];
        string At(int k) => c + k < tokens.Count ? tokens[c + k].Canon : "";
        if (t.Text == "-" && c + 1 < tokens.Count && !tokens[c + 1].SpaceBefore)
        {
            return At(1) is "style" or "like" or "esque" or "inspired" or "type" or "ish" or "flavored" or "flavoured";
        }

        var noun = IntentLexicon.ItemNouns.Contains(At(1)) || At(1) is "stuff" or "ones" or "things" or "vibes" or "vibe";
        return t.Kind == TokenKind.Word && ((t.Canon is "type" or "style" or "esque" && noun) || (t.Canon is "kind" or "sort" && At(1) == "of"));
    }

    /// <summary>Whether a token that cannot sit inside a name (<see cref="BreaksName"/>) or an already-read span lies in [from, to).</summary>
    private static bool RangeBroken(List<IntentToken> tokens, TitleFindings found, int from, int to)
    {
        for (var j = from; j < to; j++)
        {
            if (found.Masked[j] || BreaksName(tokens[j]))
            {
                return true;
            }
        }

        return false;
    }

    private void FindChinese(string lower, TitleFindings found, ItemDomain? domain)
    {
        var hasCjk = false;
        foreach (var c in lower)
        {
            if (IntentText.IsCjk(c))
            {
                hasCjk = true;
                break;
            }
        }

        if (!hasCjk)
        {
            return;
        }

        var work = lower;
        foreach (var (alias, english) in ChineseTitlesLongestFirst)
        {
            var idx = work.IndexOf(alias, StringComparison.Ordinal);
            if (idx < 0)
            {
                continue;
            }

            var reference = _titles?.Resolve(english, domain: domain) is { } m ? new TitleReference(m.Item.Title, m.Item.Id) : new TitleReference(alias, null);
            found.Add(reference);
            found.MaskedText.Add(alias);
            MarkChineseCue(work, idx, idx + alias.Length, found);
            work = work.Replace(alias, "§", StringComparison.Ordinal);
        }

        foreach (Match m in ChineseUnknownTitle().Matches(work))
        {
            var t = m.Groups["t"].Value;
            if (ChineseGenericTitle().IsMatch(t) || ContainsChineseGenre(t) || HasLatinLetter(t) || found.Titles.Exists(r => r.Title.Contains(t, StringComparison.Ordinal)))
            {
                continue;
            }

            found.Add(_titles?.Resolve(t, allowFuzzy: false, domain: domain) is { } known
                ? new TitleReference(known.Item.Title, known.Item.Id)
                : new TitleReference(t, null));
            found.MaskedText.Add(t);
            found.Similar = true;
        }
    }

    private static void MarkChineseCue(string text, int start, int end, TitleFindings found)
    {
        var before = text[..start];
        var after = ChineseCueAfterLatin().Match(text, end); // \G: only a cue right after the name
        if (!ChineseSimilarBefore().IsMatch(before) && (ChineseFeedbackBefore().IsMatch(before) || (after.Success && after.Groups["fb"].Success)))
        {
            // "追风筝的人这本书太好看了": the judgement's words are not the request's.
            if (after.Success)
            {
                found.MaskedText.Add(after.Value);
            }

            found.Feedback = true;
        }
        else
        {
            found.Similar = true;
        }
    }

    private static bool HasLatinLetter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsChineseGenre(string text)
    {
        foreach (var (key, _) in IntentLexicon.ChineseGenres)
        {
            if (text.Contains(key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("\"(?<t>[^\"]{1,150})\"|《(?<t>[^》]{1,80})》|「(?<t>[^」]{1,80})」|『(?<t>[^』]{1,80})』|(?<![\\p{L}\\p{N}])'(?<t>[^']{2,80})'(?![\\p{L}\\p{N}])")]
    private static partial Regex QuotedTitle();

    [GeneratedRegex("(?:(?<sim>像|类似于|类似|如同|比如|和|跟|与|接近|相近|相似于|相似|近似|差不多)|(?<fb>喜欢|爱看|讨厌|看过|看了|不喜欢|读完|看完|读过|读了|刷完|刷了)|(?<ex>为什么推荐|为什么选|为什么给我推荐|为什么|为啥推荐|为啥给我推荐|为啥|为何推荐|为何|怎么会推荐|会推荐|要推荐|会选|要选))$")]
    private static partial Regex ChineseCueBeforeLatin();

    [GeneratedRegex("\\G(?:这本书|这本小说|这本|这部电影|这部动画片|这部动画|这部片子|这部片|这部剧|这部|这个|那部|那本)?(?:我们|我)?(?:真的|真是|真|太|很|非常|特别|超级|超|挺|也|都|已经|实在)*(?:(?<fb>喜欢|爱看|爱读|讨厌|不喜欢|看过|看了|读过|读了|好看|不错|精彩|难看|无聊|一般|感人|太[\u4e00-\u9fff]{1,4}?了)|(?<sim>这样|那样|一样|这种|那种|这类|那类|这一类|那一类|一类|之类|似的|类型|风格))")]
    private static partial Regex ChineseCueAfterLatin();

    [GeneratedRegex("(?:像|类似于?|如同)《?(?<t>[^，,。.!！?？《》\\s§\\d]{2,15}?)》?(?:那样|一样|这样|那种|这种|差不多|之类|似的|的)")]
    private static partial Regex ChineseUnknownTitle();

    [GeneratedRegex("电影|片|这|那|它|书|小说|一点|风格|什么|哪|剧|作品|故事|感觉|题材|类型|内容|主题|氛围")]
    private static partial Regex ChineseGenericTitle();

    [GeneratedRegex("(?:喜欢|爱看|讨厌|看过|看了|不喜欢|爱)\\s*《?\\s*$")]
    private static partial Regex ChineseFeedbackBefore();

    [GeneratedRegex("(?:像|类似|如同|比如|和|跟|与|推荐|有没有|还有什么|给我)[^，,。!！?？]*$")]
    private static partial Regex ChineseSimilarBefore();

    [GeneratedRegex(@"^'?(?:\d{2}|\d{4})'?s$|^(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties)$")]
    private static partial Regex DecadeToken();
}
