using System.Globalization;
using System.Text.RegularExpressions;
using AgentRec.Core.Contracts;

namespace AgentRec.Core.Intent;

/// <summary>Genres with negation, year ranges, counts, sorts, domain and keywords.</summary>
public sealed partial class RuleIntentParser
{
    private static readonly HashSet<string> NegationCues = new(StringComparer.Ordinal)
    {
        "no", "not", "nothing", "without", "except", "excluding", "exclude", "avoid", "avoiding", "skip", "none", "never", "hate",
        "hates", "dislike", "dislikes", "minus", "don't", "dont", "doesn't", "doesnt", "isn't", "isnt", "aren't", "arent",
        "won't", "wont", "can't", "cant", "cannot", "nor", "neither", "didn't", "didnt", "shouldn't", "nope", "sans", "non",
        "drop", "remove", "ditch", "skipping", "excluded", "minus",
    };

    private static readonly HashSet<string> ScopeBreakers = new(StringComparer.Ordinal)
    {
        "but", "though", "however", "instead", "just", "only", "plus", "prefer", "preferably", "rather",
        "maybe", "and", "or",
    };

    private static readonly HashSet<string> ChainWords = new(StringComparer.Ordinal)
    {
        "or", "and", "nor", "/", "&", "any", "movies", "films", "film", "movie", "stuff", "either", "ones", "flicks", "shows",
        "-", "no", "books", "elements", "scenes", "too", "much", "",
    };

    private static readonly HashSet<string> NotCountAfterA = new(StringComparer.Ordinal)
    {
        "few", "couple", "lot", "lots", "bunch", "list", "dozen", "handful", "number", "selection", "variety", "pair", "little",
        "bit", "mix", "while", "ton", "tons", "collection", "series", "marathon", "range", "set", "top", "couple", "mood", "fan",
        "batch", "group", "load", "double", "trilogy", "franchise",
    };

    private static readonly HashSet<string> AfterNumberNotCount = new(StringComparer.Ordinal)
    {
        "s", "'s", "%", "minutes", "minute", "min", "mins", "hours", "hour", "hrs", "hr", "h", "stars", "star", "years", "year",
        "yrs", "th", "st", "nd", "rd", "century", "centuries", "am", "pm", "k", "m", "of", "/", ".", "out", "points", "point",
        "seasons", "season", "episodes", "episode", "pages", "page", "people", "players", "bucks", "dollars", "$", "+", "x",
    };

    private static readonly HashSet<string> BeforeNumberNotCount = new(StringComparer.Ordinal)
    {
        "#", "number", "no", "part", "episode", "season", "chapter", "vol", "volume", "rated", "rating", "over", "under", "above",
        "below", "than", "least", "most", "/", "-", "the", "apollo", "district", "ocean's", "oceans", "catch", "than", "age",
        "ages", "aged", "to", "score", "imdb", "$", "phase", "is", "turned", "turns", "turning", "she's", "he's",
    };

    internal static string GenreKey(string word) =>
        word.Contains('-', StringComparison.Ordinal) || word.Contains('\'', StringComparison.Ordinal)
            ? word.Replace("-", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)
            : word;

    private static void ExtractGenres(List<IntentToken> t, string canon, List<string> genres, List<string> excludes)
    {
        var matches = new List<(int Start, int End, string[] Genres, bool Negated)>();
        var i = 0;
        while (i < t.Count)
        {
            if (t[i].Kind != TokenKind.Word)
            {
                i++;
                continue;
            }

            var matched = false;
            for (var n = Math.Min(3, t.Count - i); n >= 1 && !matched; n--)
            {
                var key = "";
                var ok = true;
                for (var j = i; j < i + n; j++)
                {
                    if (t[j].Kind is not (TokenKind.Word or TokenKind.Number) || (j > i && !t[j].SpaceBefore && t[j - 1].Kind != TokenKind.Punct))
                    {
                        ok = false;
                        break;
                    }

                    key += GenreKey(t[j].Canon);
                }

                if (!ok)
                {
                    continue;
                }

                var forced = false;
                if (!IntentLexicon.EnglishGenres.TryGetValue(key, out var g) && n == 1)
                {
                    if (key.StartsWith("non", StringComparison.Ordinal) && IntentLexicon.EnglishGenres.TryGetValue(key[3..], out g)
                        || key.EndsWith("free", StringComparison.Ordinal) && IntentLexicon.EnglishGenres.TryGetValue(key[..^4], out g))
                    {
                        forced = true;
                    }
                    else if (key.EndsWith("ies", StringComparison.Ordinal) && IntentLexicon.EnglishGenres.TryGetValue(key[..^3] + "y", out g)
                        || key.EndsWith('s') && IntentLexicon.EnglishGenres.TryGetValue(key[..^1], out g))
                    {
                    }
                    else
                    {
                        g = null;
                    }
                }

                if (g is null)
                {
                    continue;
                }

                matched = true;
                if (g.Length > 0)
                {
                    matches.Add((i, i + n, g, forced || IsNegated(t, i, matches)));
                }

                i += n;
            }

            if (!matched)
            {
                i++;
            }
        }

        foreach (var m in matches)
        {
            foreach (var genre in m.Genres)
            {
                AddDistinct(m.Negated ? excludes : genres, [genre]);
            }
        }

        ExtractChineseGenres(canon, genres, excludes);
        excludes.RemoveAll(g => Contains(genres, g));
    }

    private static bool IsNegated(List<IntentToken> t, int g, List<(int Start, int End, string[] Genres, bool Negated)> previous)
    {
        if (previous.Count > 0 && previous[^1].Negated)
        {
            var chained = true;
            for (var j = previous[^1].End; j < g; j++)
            {
                if (!ChainWords.Contains(t[j].Canon))
                {
                    chained = false;
                    break;
                }
            }

            if (chained)
            {
                return true;
            }
        }

        for (var j = g - 1; j >= 0 && j >= g - 6; j--)
        {
            var tok = t[j];
            if (tok.Kind == TokenKind.Punct && tok.Text is "." or "," or "!" or "?" or ";" or ":" or "§")
            {
                return false;
            }

            var w = tok.Canon;
            var next = j + 1 < t.Count ? t[j + 1].Canon : "";
            var prev = j > 0 ? t[j - 1].Canon : "";
            if (w is "mind" or "matter")
            {
                return false;
            }

            if (NegationCues.Contains(w))
            {
                return !(w == "nothing" && next == "but") && !(w == "not" && next is "only" or "just")
                    && !(w is "no" or "not" && next is "matter" or "problem");
            }

            if ((w == "than" && prev is "rather" or "other") || (w == "of" && prev is "instead" or "tired" or "sick" or "free" or "rid")
                || (w == "out" && prev is "filter" or "leave" or "take" or "cut" or "rule" or "keep")
                || (w == "but" && prev is "anything" or "everything"))
            {
                return true;
            }

            if (ScopeBreakers.Contains(w))
            {
                return false;
            }
        }

        return false;
    }

    private static void ExtractChineseGenres(string canon, List<string> genres, List<string> excludes)
    {
        var hasCjk = false;
        foreach (var c in canon)
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

        var covered = new bool[canon.Length];
        var found = new List<(int Start, int End, string[] Genres)>();
        foreach (var (key, g) in IntentLexicon.ChineseGenres)
        {
            var from = 0;
            while (from < canon.Length)
            {
                var idx = canon.IndexOf(key, from, StringComparison.Ordinal);
                if (idx < 0)
                {
                    break;
                }

                from = idx + key.Length;
                var free = true;
                for (var j = idx; j < idx + key.Length; j++)
                {
                    free &= !covered[j];
                }

                if (!free)
                {
                    continue;
                }

                for (var j = idx; j < idx + key.Length; j++)
                {
                    covered[j] = true;
                }

                found.Add((idx, idx + key.Length, g));
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        var lastNegated = false;
        var lastEnd = -1;
        foreach (var (start, end, g) in found)
        {
            var negated = lastNegated && lastEnd >= 0 && ChineseChain().IsMatch(canon[lastEnd..start]);
            if (!negated)
            {
                var windowStart = Math.Max(0, start - 10);
                var window = canon[windowStart..start];
                var cut = window.LastIndexOfAny([',', '.', '!', '?', ';', '§', '，', '；', '！', '？']);
                if (cut >= 0)
                {
                    window = window[(cut + 1)..];
                }

                negated = ChineseNegation().IsMatch(window) || ChineseNegationAfter().IsMatch(canon.AsSpan(end));
            }

            foreach (var genre in g)
            {
                AddDistinct(negated ? excludes : genres, [genre]);
            }

            lastNegated = negated;
            lastEnd = end;
        }
    }

    private static (int? From, int? To, bool Any) ExtractYears(string canon)
    {
        int? lower = null, upper = null, hullFrom = null, hullTo = null;
        var any = false;
        var pendingRange = false;
        var lastEnd = -1;

        void Bound(int? lo, int? hi)
        {
            if (lo is { } l)
            {
                lower = lower is null ? l : Math.Max(lower.Value, l);
            }

            if (hi is { } h)
            {
                upper = upper is null ? h : Math.Min(upper.Value, h);
            }
        }

        void Hull(int lo, int hi)
        {
            hullFrom = hullFrom is null ? lo : Math.Min(hullFrom.Value, lo);
            hullTo = hullTo is null ? hi : Math.Max(hullTo.Value, hi);
        }

        var mentions = new List<(int Index, int Length, int Lo, int Hi)>();
        foreach (Match m in Decade().Matches(canon))
        {
            int start;
            if (m.Groups["d"].Success)
            {
                var d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
                start = d >= 1000 ? d : d switch { 0 => 2000, 10 => 2010, _ => 1900 + d };
            }
            else if (m.Groups["w"].Success)
            {
                start = m.Groups["w"].Value switch
                {
                    "twenties" => 1920, "thirties" => 1930, "forties" => 1940, "fifties" => 1950, "sixties" => 1960,
                    "seventies" => 1970, "eighties" => 1980, "nineties" => 1990, _ => 2000,
                };
            }
            else
            {
                start = 1900 + 10 * ("一二三四五六七八九".IndexOf(m.Groups["cn"].Value[0], StringComparison.Ordinal) + 1);
            }

            var (lo, hi) = (m.Groups["mod"].Value, m.Groups["cnmod"].Value) switch
            {
                ("early", _) or (_, "初" or "前期") => (start, start + 3),
                ("mid", _) or (_, "中" or "中期") => (start + 3, start + 6),
                ("late", _) or (_, "末" or "后期") => (start + 6, start + 9),
                _ => (start, start + 9),
            };
            mentions.Add((m.Index, m.Length, lo, hi));
        }

        foreach (Match m in Year().Matches(canon))
        {
            var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            mentions.Add((m.Groups["y"].Index, 4, y, y));
        }

        mentions.Sort((a, b) => a.Index.CompareTo(b.Index));
        foreach (var (index, length, lo, hi) in mentions)
        {
            any = true;
            var before = canon[Math.Max(0, index - 40)..index];
            var after = canon[(index + length)..Math.Min(canon.Length, index + length + 30)];
            if (pendingRange && RangeJoin().IsMatch(before) && index - lastEnd < 16)
            {
                Bound(null, hi);
                pendingRange = false;
            }
            else if (NegatedBeforeCue().IsMatch(before))
            {
                // "nothing before 2000", "not before 1990": from that year on.
                Bound(lo, null);
            }
            else if (NegatedAfterCue().IsMatch(before))
            {
                Bound(null, hi);
            }
            else if (BeforeCue().IsMatch(before) || ChineseBefore().IsMatch(after))
            {
                Bound(null, lo - 1);
            }
            else if (AfterCue().IsMatch(before))
            {
                Bound(hi + 1, null);
            }
            else if (UntilCue().IsMatch(before) || OrEarlier().IsMatch(after))
            {
                Bound(null, hi);
            }
            else if (BetweenCue().IsMatch(before) || (FromCue().IsMatch(before) && RangeNext().IsMatch(after)) || ChineseRangeNext().IsMatch(after))
            {
                Bound(lo, null);
                pendingRange = true;
            }
            else if (SinceCue().IsMatch(before) || OnwardAfter().IsMatch(after) || ChineseAfter().IsMatch(after))
            {
                Bound(lo, null);
            }
            else
            {
                Hull(lo, hi);
            }

            lastEnd = index + length;
        }

        if (!any)
        {
            return (null, null, false);
        }

        int? from = hullFrom, to = hullTo;
        if (lower is { } lw)
        {
            from = from is null ? lw : Math.Max(from.Value, lw);
        }

        if (upper is { } up)
        {
            to = to is null ? up : Math.Min(to.Value, up);
        }

        if (from > to)
        {
            (from, to) = hullFrom is not null ? (hullFrom, hullTo) : (lower, upper);
            if (from > to)
            {
                (from, to) = (to, from);
            }
        }

        return (from, to, true);
    }

    private static (int? Count, bool Top) ExtractCount(List<IntentToken> t, string canon)
    {
        int? explicitCount = null;
        int? article = null;
        var top = false;
        for (var i = 0; i < t.Count; i++)
        {
            var tok = t[i];
            var w = tok.Canon;
            var prev = i > 0 ? t[i - 1].Canon : "";
            var next = i + 1 < t.Count ? t[i + 1].Canon : "";
            int value;
            // "4 of them", "five of those": how many of what is asked for.
            var ofThem = next == "of" && i + 2 < t.Count && t[i + 2].Canon is "them" or "those" or "these" or "'em" or "em";
            if (tok.Kind == TokenKind.Number)
            {
                if (tok.Text.Length > 3 || !int.TryParse(tok.Text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
                    || (i + 1 < t.Count && !ofThem && (t[i + 1].Kind == TokenKind.Cjk || (AfterNumberNotCount.Contains(next) && !(next == "." && i + 1 == t.Count - 1)))))
                {
                    continue;
                }

                if (prev == "top")
                {
                    top = true;
                }
                else if (BeforeNumberNotCount.Contains(prev) && !(ofThem && prev == "-"))
                {
                    continue;
                }
            }
            else if (tok.Kind == TokenKind.Word && NumberWord(t, i, out value))
            {
                if (w == "one" && (prev is "the" or "that" or "this" or "which" or "another" or "each" or "every" or "any" or "no"
                        or "first" or "second" or "third" or "last" or "other" or "same" or "favorite" or "favourite" or "only" or "new"
                        || (next is "of" && !ofThem) || next is "'s" or "day" or "another" or "thing" || prev.EndsWith("'s", StringComparison.Ordinal)))
                {
                    continue;
                }

                if (w == "some" && next is "kind" or "sort" or "time" or "point" or "reason" or "how" or "of" or "more")
                {
                    continue;
                }

                if (w == "pair" && prev != "a")
                {
                    continue;
                }

                if (prev == "top")
                {
                    top = true;
                }
            }
            else
            {
                // "not a romance", "without a happy ending": an article under negation names what to avoid, not how many.
                if (w is "a" or "an" && article is null && prev is not ("not" or "no" or "without" or "nothing" or "never" or "except" or "n't" or "dont" or "don't"))
                {
                    article = ArticleCount(t, i);
                }

                continue;
            }

            explicitCount ??= value;
        }

        int? chinese = null;
        var cn = ChineseCount().Match(canon);
        if (cn.Success)
        {
            chinese = cn.Groups["few"].Success ? 3 : ParseChineseNumber(cn.Groups["n"].Value);
            if (cn.Groups["top"].Success)
            {
                top = true;
            }
        }

        // "Movies like The Notebook? I need a good romantic drama": an article counts one only where nothing asks for several.
        var count = explicitCount ?? chinese ?? (AsksForSeveral(t) ? null : article);
        return (count is null ? null : Math.Clamp(count.Value, 1, RecommendationIntent.MaxCount), top);
    }

    private static bool NumberWord(List<IntentToken> t, int i, out int value)
    {
        var w = t[i].Canon;
        if (w.Contains('-', StringComparison.Ordinal))
        {
            var parts = w.Split('-');
            if (parts.Length == 2 && IntentLexicon.NumberWords.TryGetValue(parts[0], out var tens) && tens is >= 20 and <= 90
                && IntentLexicon.NumberWords.TryGetValue(parts[1], out var unit) && unit < 10)
            {
                value = tens + unit;
                return true;
            }

            value = 0;
            return false;
        }

        if (!IntentLexicon.NumberWords.TryGetValue(w, out value))
        {
            return false;
        }

        var prev = i > 0 ? t[i - 1].Canon : "";
        if (w == "dozen" && prev == "a" && i > 1 && t[i - 2].Canon == "half")
        {
            value = 6;
        }

        if (value is >= 20 and <= 90 && i + 1 < t.Count && IntentLexicon.NumberWords.TryGetValue(t[i + 1].Canon, out var u) && u is >= 1 and <= 9
            && t[i + 1].Canon is not ("few" or "some" or "several" or "couple"))
        {
            value += u;
        }

        return true;
    }

    private static bool AsksForSeveral(List<IntentToken> t) =>
        t.Exists(x => x.Canon is "movies" or "films" or "books" or "novels" or "ones" or "recommendations" or "recs" or "suggestions"
            or "picks" or "options" or "titles" or "sees" or "reads" or "flicks");

    private static int? ArticleCount(List<IntentToken> t, int i)
    {
        for (var j = i + 1; j < t.Count && j <= i + 6; j++)
        {
            var tok = t[j];
            if (tok.Kind is TokenKind.Punct or TokenKind.Cjk)
            {
                return null;
            }

            var w = tok.Canon;
            if (NotCountAfterA.Contains(w))
            {
                return null;
            }

            if (IntentLexicon.SingularItemNouns.Contains(w) || IntentLexicon.SingularItemNouns.Contains(GenreKey(w)))
            {
                // "a rom-com", "a sci-fi" as well as "a romcom".
                return 1;
            }

            if (w is "like" or "from" or "about" or "with" or "for" or "in" or "that" or "which" or "to" or "of" or "by" or "but"
                or "or" or "and" or "than" or "as" or "where" or "who" or "is" or "was")
            {
                return null;
            }
        }

        return null;
    }

    private static int ParseChineseNumber(string s)
    {
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        if (s == "几")
        {
            return 3;
        }

        static int Digit(char c) => c switch
        {
            '一' => 1, '二' or '两' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9, _ => 0,
        };

        var ten = s.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return s.Length > 0 ? Math.Max(1, Digit(s[^1])) : 1;
        }

        var tens = ten == 0 ? 1 : Math.Max(1, Digit(s[ten - 1]));
        var units = ten + 1 < s.Length ? Digit(s[ten + 1]) : 0;
        return tens * 10 + units;
    }

    /// <summary>The order the request asks for; with <paramref name="countedTop"/> a bare "top" (as in "top 5") is a count, not an order.</summary>
    private static string? ExtractSort(string canon, bool countedTop = false)
    {
        string? sort = null;
        var best = int.MaxValue;
        void Try(Regex regex, string value)
        {
            foreach (Match m in regex.Matches(canon))
            {
                var before = canon[Math.Max(0, m.Index - 12)..m.Index];
                if (NotBefore().IsMatch(before) || (countedTop && m.Value == "top"))
                {
                    continue;
                }

                if (m.Index < best)
                {
                    best = m.Index;
                    sort = value;
                }

                break;
            }
        }

        Try(RatingCue(), IntentSorts.Rating);
        Try(PopularityCue(), IntentSorts.Popularity);
        Try(NewestCue(), IntentSorts.Newest);
        return sort;
    }

    private static string? ExtractDomain(string canon)
    {
        // The words are data (cues.json, "domains"); measure words ("几本", "这部") and 片 are read here, by position.
        var cues = Vocabulary.CueVocabulary.Default.DomainsIn(canon);
        var book = cues.Book || (!cues.NotBook && BookMeasure().IsMatch(canon));
        var movie = cues.Movie || (!cues.NotMovie && MovieMeasure().IsMatch(canon));
        // "小说改编的电影", "movies based on novels": the books are the source, the films what is asked for.
        if (book && movie && AdaptationCue().IsMatch(canon))
        {
            return IntentDomains.Movie;
        }

        // "算了懒得看书" turns books down: the other kind is what is left.
        if (!book && !movie)
        {
            return cues.NotBook && !cues.NotMovie ? IntentDomains.Movie : cues.NotMovie && !cues.NotBook ? IntentDomains.Book : null;
        }

        return book && movie ? IntentDomains.Any : book ? IntentDomains.Book : IntentDomains.Movie;
    }

    private static List<string> ExtractKeywords(List<IntentToken> t, string canon, List<string> genres, List<string> excludes)
    {
        var keywords = new List<string>();
        for (var i = 0; i < t.Count; i++)
        {
            if (t[i].Kind != TokenKind.Word)
            {
                continue;
            }

            for (var n = Math.Min(3, t.Count - i); n >= 1; n--)
            {
                var phrase = n == 1 ? t[i].Canon : JoinCanon(t, i, n);
                if (phrase is null || !IntentLexicon.EnglishTopics.TryGetValue(phrase, out var topic))
                {
                    continue;
                }

                var prev = i > 0 ? t[i - 1].Canon : "";
                if (prev is not ("no" or "not" or "without"))
                {
                    AddDistinct(keywords, [topic]);
                }

                i += n - 1;
                break;
            }
        }

        foreach (Match m in AboutTopic().Matches(canon))
        {
            var topic = m.Groups["t"].Value.Trim();
            var words = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var last = words.Length;
            while (last > 0 && (IntentLexicon.ItemNouns.Contains(words[last - 1]) || CommonWords.Contains(words[last - 1])))
            {
                last--;
            }

            if (last == 0)
            {
                continue;
            }

            topic = string.Join(' ', words, 0, last);
            if (IntentLexicon.EnglishGenres.ContainsKey(GenreKey(topic.Replace(" ", "", StringComparison.Ordinal)))
                || IntentLexicon.EnglishTopics.ContainsKey(topic) || Contains(keywords, topic))
            {
                continue;
            }

            keywords.Add(topic);
        }

        foreach (var (key, topic) in IntentLexicon.ChineseTopics)
        {
            if (canon.Contains(key, StringComparison.Ordinal))
            {
                AddDistinct(keywords, [topic]);
            }
        }

        foreach (Match m in ChineseAbout().Matches(canon))
        {
            var topic = m.Groups["t"].Value;
            var known = false;
            foreach (var (key, _) in IntentLexicon.ChineseTopics)
            {
                known |= topic.Contains(key, StringComparison.Ordinal);
            }

            foreach (var (key, _) in IntentLexicon.ChineseGenres)
            {
                known |= topic.Contains(key, StringComparison.Ordinal);
            }

            if (!known && topic.Length >= 2)
            {
                AddDistinct(keywords, [topic]);
            }
        }

        _ = genres;
        _ = excludes;
        return keywords;
    }

    private static string? JoinCanon(List<IntentToken> t, int i, int n)
    {
        var parts = new string[n];
        for (var j = 0; j < n; j++)
        {
            if (t[i + j].Kind is not (TokenKind.Word or TokenKind.Number))
            {
                return null;
            }

            parts[j] = t[i + j].Canon;
        }

        return string.Join(' ', parts);
    }

    [GeneratedRegex(@"(?:(?<mod>early|mid|late)[\s-]*)?(?<![\d])'?(?<d>(?:19|20)\d0|[0-9]0)(?:'?s\b|\s*年代(?<cnmod>初|中期|中|末|后期|前期)?)|\b(?:(?<mod>early|mid|late)[\s-]*)?(?<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties|aughts)\b|(?<cn>[一二三四五六七八九])十年代(?<cnmod>初|中期|中|末|后期|前期)?")]
    private static partial Regex Decade();

    [GeneratedRegex(@"(?<![\d.])(?<y>1[89]\d\d|20[0-4]\d)(?![\d])(?!'?s\b|\s*年代)")]
    private static partial Regex Year();

    [GeneratedRegex(@"(?:\bbefore|\bprior\s+to|\bearlier\s+than|\bolder\s+than|\bpre-?|\bup\s+until)\s*(?:the\s+)?(?:year\s+)?'?$")]
    private static partial Regex BeforeCue();

    [GeneratedRegex(@"(?:\bnot|\bnothing|\bnone|\bno\s+(?:movies?|films?|books?))(?:\s+(?:from|made|released|published|that\s+came\s+out))?\s+(?:before|prior\s+to|earlier\s+than|older\s+than)\s*(?:the\s+)?(?:year\s+)?'?$")]
    private static partial Regex NegatedBeforeCue();

    [GeneratedRegex(@"(?:\bnot|\bnothing|\bnone|\bno\s+(?:movies?|films?|books?))(?:\s+(?:from|made|released|published|that\s+came\s+out))?\s+(?:after|later\s+than|newer\s+than|more\s+recent\s+than)\s*(?:the\s+)?(?:year\s+)?'?$")]
    private static partial Regex NegatedAfterCue();

    [GeneratedRegex(@"(?:\bafter|\bpost-?|\blater\s+than|\bnewer\s+than|\bmore\s+recent\s+than|\bpast)\s*(?:the\s+)?(?:year\s+)?'?$")]
    private static partial Regex AfterCue();

    [GeneratedRegex(@"(?:\buntil|\btill|\bup\s+to|\bthrough|\bthru|\bno\s+later\s+than|\bnot\s+after|\bby)\s*(?:the\s+)?(?:year\s+)?'?$")]
    private static partial Regex UntilCue();

    [GeneratedRegex(@"(?:\bsince|\bstarting(?:\s+(?:in|from|with|at))?|\bbeginning(?:\s+(?:in|with|from))?|\bas\s+of|\bnot\s+before|\bno\s+earlier\s+than|从)\s*(?:the\s+)?(?:year\s+)?'?$")]
    private static partial Regex SinceCue();

    [GeneratedRegex(@"\bfrom\s*(?:the\s+)?(?:year\s+)?'?$")]
    private static partial Regex FromCue();

    [GeneratedRegex(@"\bbetween\s*(?:the\s+)?(?:years?\s+)?'?$")]
    private static partial Regex BetweenCue();

    [GeneratedRegex(@"^\s*(?:'?s\b)?\s*(?:-|–|to|through|thru|till|until|and)\s*(?:the\s+)?'?\d")]
    private static partial Regex RangeNext();

    [GeneratedRegex(@"(?:-|–|\bto|\bthrough|\bthru|\btill|\buntil|\band|到|至|~)\s*(?:the\s+)?'?$")]
    private static partial Regex RangeJoin();

    [GeneratedRegex(@"^\s*(?:\+|(?:and|or)\s+(?:later|after|newer|up|beyond|onwards?|since|more\s+recent)|onwards?|on\b|forward|(?:to|till|until)\s+(?:now|present|today|date)|年?\s*(?:以后|之后|以来|后|起|开始|往后|至今|及以后))")]
    private static partial Regex OnwardAfter();

    [GeneratedRegex(@"^\s*(?:(?:and|or)\s+(?:earlier|before|older|prior)|年?\s*(?:及以前|及之前))")]
    private static partial Regex OrEarlier();

    [GeneratedRegex(@"^\s*年?\s*(?:以后|之后|以来|后|起|开始|往后|至今)")]
    private static partial Regex ChineseAfter();

    [GeneratedRegex(@"^\s*年?\s*(?:以前|之前|前)(?![\d一二三四五六七八九十])")]
    private static partial Regex ChineseBefore();

    [GeneratedRegex(@"^\s*年?\s*(?:到|至|~|-)\s*\d")]
    private static partial Regex ChineseRangeNext();

    [GeneratedRegex(@"(?<top>前|top\s*)(?<n>\d{1,3}|[一二两三四五六七八九十]{1,3})(?:名|部|个|本)?|(?<![第\d这那])(?<n>\d{1,3}|[一二两三四五六七八九十]{1,3}|几)\s*(?:部|本|个|篇|套|册|份|款|首|条|支)|(?<few>(?<![这那])(?:一些|些许|若干|几部|几本)|(?<![新老旧短长轻快慢好近早晚高低多少大小重冷暖甜酸苦辣松暗亮深浅简单经典刺激温馨欢乐搞笑有趣])一点(?!点))")]
    private static partial Regex ChineseCount();

    [GeneratedRegex(@"^(?:片|电影|类|类型)?\s*(?:和|或者?|与|、|跟|及|以及|还有|,|，)\s*$")]
    private static partial Regex ChineseChain();

    [GeneratedRegex(@"(?:不要|别|不想|不喜欢|不爱|讨厌|除了|不含|(?<!有)没有|不包括|排除|非|不能|拒绝|不看|不是|不|怕|受不了|去掉|除去)(?:太|看|要|有|任何|是|那么|这么|含|带|想看|喜欢|很|过于|什么|那种|这种|的|包括|包含|会|再|给我|推荐|推|来|选)*$")]
    private static partial Regex ChineseNegation();

    // "动画的就算了", "恐怖片不要", "爱情片除外": the refusal after the genre.
    [GeneratedRegex(@"^(?:片子|片|电影|类|类的)?(?:的)?\s*(?:就|也|都)?(?:算了|免了|不要了|不要|不用了|不用|不看|除外|别了|拉倒|不考虑|不行|pass)(?=$|[，,。.!！?？;；\s]|吧|啊|哦|呀|了)")]
    private static partial Regex ChineseNegationAfter();

    [GeneratedRegex(@"(?:\bnot|\bless|\bun|\bnon|不)[\s-]*(?:too\s+|very\s+|so\s+|that\s+|太|很)?$")]
    private static partial Regex NotBefore();

    [GeneratedRegex(@"\b(?:highly|high|highest|best|top|well|better|greatly)[\s-]*(?:rated|reviewed|regarded|ranked|ratings?|scores?|scoring)\b|\btop\b|\bbest\b(?![\s-]?sell)|\bgreatest\b|\bfinest\b|\b(?:critically\s+)?acclaimed\b|\baward[\s-]winning\b|\boscar[\s-]winning\b|\bmasterpieces?\b|\bgood\s+reviews\b|\brated\s+(?:highly|well)\b|\bhighest\b|\b(?:sort\w*|order\w*|rank\w*)\s+(?:them\s+|it\s+)?by\s+(?:the\s+)?(?:ratings?|scores?|reviews?)\b|\bcritics'?\s+(?:favorites|picks|choice)\b|评分高|评分要高|评分高一点|评分高些|分要高|要高分|评分最高|高评分|高分|评价高|评价最高|好评|口碑|最好看|最佳|最好的|排行|排名|前十|神作")]
    private static partial Regex RatingCue();

    [GeneratedRegex(@"\bpopular\b|\bpopularity\b|\bfamous\b|\bwell[\s-]known\b|\bevery(?:one|body)(?:'s|\s+(?:has|have))?\s+(?:already\s+)?(?:seen|watched|read|loves?|knows)\b|\btrending\b|\bblockbusters?\b|\bmainstream\b|\bmost[\s-](?:watched|viewed|seen|rated|loved)\b|\bcrowd[\s-]pleas\w*|\bbest[\s-]?sell\w*|\b(?:big|box[\s-]office)\s+hits?\b|\bbox[\s-]office\b|\bhyped\b|\bviral\b|热门|流行|最火|火爆|很火|受欢迎|大家都看过|人人都看过|人气|卖座|票房|爆款|大热|畅销")]
    private static partial Regex PopularityCue();

    [GeneratedRegex(@"\b(?:latest|newest|newer|recent|recently|brand[\s-]new|new\s+releases?|just\s+(?:came\s+out|released)|fresh\s+releases?|modern)\b|\bnew\s+(?:movies?|films?|books?|ones?|stuff|releases?|comedies|thrillers|titles?|novels?|sci-fi|horror|anime|documentaries|dramas)\b|最新|新一点|新点|新一些|较新|新片|新上映|近期|最近(?!特别|很|有点|一直|总是|老是|心情|比较|压力|太|挺|真|状态|在|工作|睡)|近几年|近年|新出的|刚上映|新电影|新书")]
    private static partial Regex NewestCue();

    [GeneratedRegex(@"(?:小说|书|原著|作品)改编(?:的|成的)?(?:电影|影片|片子|片)|\b(?:movies?|films?)\s+(?:based\s+on|adapted\s+from)\b|\b(?:movie|film)\s+adaptations?\s+of\b")]
    private static partial Regex AdaptationCue();

    [GeneratedRegex(@"[一两二三四五六七八九十几这那哪每多]本(?![来身人地土质])")]
    private static partial Regex BookMeasure();

    [GeneratedRegex(@"(?<![书名])片")]
    private static partial Regex MovieMeasure();

    [GeneratedRegex(@"(?<!\b(?:how|what)\s+)\b(?:about|involving|featuring|centered\s+on|centred\s+on|dealing\s+with|based\s+on)\s+(?:a\s+|an\s+|the\s+|some\s+)?(?<t>[a-z][a-z'\- ]{1,40}?)(?=\s*(?:[,.!?;§]|$|\b(?:from|in|with|that|which|who|for|and|or|but|please|made|released|set|since|before|after|between|during|like|where|to)\b))")]
    private static partial Regex AboutTopic();

    [GeneratedRegex(@"(?:关于|有关|讲|讲述|描写)(?<t>[^，,。.!！?？§的]{1,10})的")]
    private static partial Regex ChineseAbout();
}
