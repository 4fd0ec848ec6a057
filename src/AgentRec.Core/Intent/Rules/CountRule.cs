using AgentRec.Core.Intent.Vocabulary;
using static AgentRec.Core.Intent.Rules.GenreRule;

namespace AgentRec.Core.Intent.Rules;

/// <summary>How many items a request asks for ("five", "a couple", "top 10", "三部"), and whether it said "top".</summary>
internal static partial class CountRule
{
    private static readonly ParserWords Words = ParserWords.Default;

    // byArticle: only an article ("an animated one") said the count.
    internal static (int? Count, bool Top) ExtractCount(List<IntentToken> t, string canon, out bool byArticle)
    {
        int? explicitCount = null;
        int? article = null;
        var top = false;
        var skippedNumber = -1;
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
                // "with my 6 and 9 year olds": a number listed with another that has a unit shares it (ages, not a count);
                // "they're 6 and 9": so does one listed after a number that is no count.
                if ((next is "and" or "or" or "," or "&" && i + 3 < t.Count && t[i + 2].Kind == TokenKind.Number && Words.AfterNumberNotCount.Contains(t[i + 3].Canon))
                    || (prev is "and" or "or" or "," or "&" && i >= 2 && skippedNumber == i - 2))
                {
                    skippedNumber = i;
                    continue;
                }

                if (tok.Text.Length > 3 || !int.TryParse(tok.Text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
                    || (i + 1 < t.Count && !ofThem && (t[i + 1].Kind == TokenKind.Cjk || (Words.AfterNumberNotCount.Contains(next) && !(next == "." && i + 1 == t.Count - 1)))))
                {
                    continue;
                }

                // "the kids are 6 and 9": a number the sentence ends or lists after "are" is an age; "what are 5 good
                // movies" still counts.
                if (prev is "are" or "'re" && next is "" or "and" or "or" or "plus" or "," or "." or "&" or "!")
                {
                    skippedNumber = i;
                    continue;
                }

                if (prev == "top")
                {
                    top = true;
                }
                else if (Words.BeforeNumberNotCount.Contains(prev) && !(ofThem && prev == "-"))
                {
                    skippedNumber = i;
                    continue;
                }
            }
            else if (tok.Kind == TokenKind.Word && NumberWord(t, i, out value))
            {
                // "one" after a determiner, an ordinal or a year ("the 1979 one") says which, not how many.
                if (w == "one" && (Words.BeforeOneNotCount.Contains(prev) || (next is "of" && !ofThem) || Words.AfterOneNotCount.Contains(next)
                        || prev.EndsWith("'s", StringComparison.Ordinal)
                        || (i > 0 && t[i - 1].Kind == TokenKind.Number)))
                {
                    continue;
                }

                // "an animated one", "a good one": the pronoun after an article; the article says how many.
                if (w == "one" && ArticleBefore(t, i))
                {
                    continue;
                }

                if (w == "some" && Words.AfterSomeNotCount.Contains(next))
                {
                    continue;
                }

                // "finished mistborn (the first three)": which of a series were read, not how many to give.
                if (prev is "first" or "last" && i >= 2 && t[i - 2].Canon == "the" && !AsksForSeveral(t.GetRange(i + 1, Math.Min(2, t.Count - i - 1))))
                {
                    continue;
                }

                if (w == "pair" && prev != "a")
                {
                    continue;
                }

                // "for the next few months", "a couple of days": a span of time, not how many; "one guy vs a building",
                // "one by one": a description.
                if (Words.TimeUnits.Contains(next) || (next == "of" && i + 2 < t.Count && Words.TimeUnits.Contains(t[i + 2].Canon))
                    || Words.AfterNumberWordNotCount.Contains(next) || prev == "by")
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
                // "not a romance", "without a happy ending": an article under negation names what to avoid, not how many;
                // "make it a book" names a kind.
                if (w is "a" or "an" && article is null && !Words.ArticleNotCountAfter.Contains(prev))
                {
                    article = ArticleCount(t, i);
                }

                continue;
            }

            explicitCount ??= value;
        }

        int? chinese = null;
        var cn = ChineseCount().Match(canon);
        if (cn.Success && !AsksHowMany(canon, cn))
        {
            chinese = cn.Groups["few"].Success ? 3 : cn.Groups["one"].Success ? 1 : ParseChineseNumber(cn.Groups["n"].Value);
            if (cn.Groups["top"].Success)
            {
                top = true;
            }
        }

        // "Movies like The Notebook? I need a good romantic drama": an article counts one only where nothing asks for several.
        var count = explicitCount ?? chinese ?? (AsksForSeveral(t) ? null : article);
        byArticle = explicitCount is null && chinese is null && count is not null;
        return (count is null ? null : Math.Clamp(count.Value, 1, RecommendationIntent.MaxCount), top);
    }

    private static bool ArticleBefore(List<IntentToken> t, int i)
    {
        for (var j = i - 1; j >= 0 && j >= i - 3; j--)
        {
            if (t[j].Canon is "a" or "an")
            {
                return true;
            }

            if (t[j].Kind != TokenKind.Word)
            {
                return false;
            }
        }

        return false;
    }

    // "后面还有几部？", "有几本？": a question of how many there are, not a request for a few; "后面几部" are all that follow.
    private static bool AsksHowMany(string canon, Match count)
    {
        if (!count.Value.EndsWith("几部", StringComparison.Ordinal) && !count.Value.EndsWith("几本", StringComparison.Ordinal))
        {
            return false;
        }

        // "后面几部按顺序推荐下": the ones after, however many the series has.
        var before = canon.AsSpan(0, count.Index).TrimEnd();
        if (before.EndsWith("后面", StringComparison.Ordinal) || before.EndsWith("后面的", StringComparison.Ordinal))
        {
            return true;
        }

        var end = count.Index + count.Length;
        var rest = canon.AsSpan(end).TrimStart();
        return count.Index > 0 && canon[count.Index - 1] == '有'
            && (rest.IsEmpty || rest[0] is '?' or '？' or '呢' or ',' or '，' or '。' or '按' or '啊');
    }

    internal static bool NumberWord(List<IntentToken> t, int i, out int value)
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

    internal static bool AsksForSeveral(List<IntentToken> t) =>
        t.Exists(x => Words.SeveralItems.Contains(x.Canon));

    internal static int? ArticleCount(List<IntentToken> t, int i)
    {
        for (var j = i + 1; j < t.Count && j <= i + 6; j++)
        {
            var tok = t[j];
            if (tok.Kind is TokenKind.Punct or TokenKind.Cjk)
            {
                return null;
            }

            var w = tok.Canon;
            if (Words.NotCountAfterA.Contains(w))
            {
                return null;
            }

            if (IntentLexicon.SingularItemNouns.Contains(w) || IntentLexicon.SingularItemNouns.Contains(GenreKey(w)))
            {
                // "a rom-com", "a sci-fi" as well as "a romcom"; "a fantasy series" is several.
                return j + 1 < t.Count && Words.NotCountAfterA.Contains(t[j + 1].Canon) ? null : 1;
            }

            if (w is "like" or "from" or "about" or "with" or "for" or "in" or "that" or "which" or "to" or "of" or "by" or "but"
                or "or" or "and" or "than" or "as" or "where" or "who" or "is" or "was")
            {
                return null;
            }
        }

        return null;
    }

    internal static int ParseChineseNumber(string s)
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

    // 一点 is "a few" after a verb (推荐一点, 来一点, 推荐点), "a bit" after an adjective (燃一点, 轻松一点); 推荐本书 and
    // 来部电影 leave out the 一 of one.
    // Not counts: 第三部 (an ordinal), 这几部 / 哪几本 (which ones), 三部曲 (a trilogy), 八部全刷完了 / 三本都读完了 (what was
    // already watched or read).
    [GeneratedRegex(@"(?<top>前|top\s*)(?<n>\d{1,3}|[一二两三四五六七八九十]{1,3})(?:名|部|个|本)?|(?<![第\d这哪共])(?<!那(?=几))(?<n>\d{1,3}|[一二两三四五六七八九十]{1,3}|几)\s*(?:部|本|个|篇|套|册|份|款|首|条|支)(?!曲|全|都|人|月|小时|钟头|星期|礼拜|晚上|周末|半小时|多小时|多月)|(?<few>(?<![这那哪共])(?:一些|些许|若干|几部|几本)|(?<=推荐|来|给|找|看|要|读|弄|整|挑)一点(?!点)|(?<=推荐|来|给我|找|挑|整|弄)点(?!点|评|映|赞|播|击|开|进))|(?<one>(?<=推荐|来|给我|找|挑|整|弄)(?:本|部)(?=书|小说|电影|片|动画|好书|好片))")]
    internal static partial Regex ChineseCount();
}
