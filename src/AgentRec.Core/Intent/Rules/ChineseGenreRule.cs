using static AgentRec.Core.Intent.Rules.WordLists;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Chinese genre words, refused before ("不要恐怖片") or after ("动画的就算了") the genre.</summary>
internal static partial class ChineseGenreRule
{
    internal static void ExtractChineseGenres(string canon, List<string> genres, List<string> excludes)
    {
        if (!IntentText.HasCjk(canon))
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
            var negated = (lastNegated && lastEnd >= 0 && ChineseChain().IsMatch(canon[lastEnd..start])) || IsNegatedAt(canon, start, end);

            foreach (var genre in g)
            {
                AddDistinct(negated ? excludes : genres, [genre]);
            }

            lastNegated = negated;
            lastEnd = end;
        }
    }

    /// <summary>True when the words at <paramref name="start"/>..<paramref name="end"/> of <paramref name="canon"/> are refused, before ("不要…") or after ("…就算了") them, within their clause.</summary>
    internal static bool IsNegatedAt(string canon, int start, int end)
    {
        var windowStart = Math.Max(0, start - 10);
        var window = canon[windowStart..start];
        var cut = window.LastIndexOfAny([',', '.', '!', '?', ';', '§', '，', '；', '！', '？']);
        if (cut >= 0)
        {
            window = window[(cut + 1)..];
        }

        return ChineseNegation().IsMatch(window) || ChineseNegationAfter().IsMatch(canon.AsSpan(end));
    }

    // "不要奇幻科幻那种": genres written right after one another, or joined by a word, share the refusal.
    [GeneratedRegex(@"^(?:(?:片|电影|类|类型)?\s*(?:和|或者?|与|、|跟|及|以及|还有|,|，)\s*)?$")]
    internal static partial Regex ChineseChain();

    // "特别喜欢科幻" is no refusal: 别 inside 特别/区别/级别 is no "don't".
    [GeneratedRegex(@"(?:不要|(?<![特区分级类性告识鉴辨])别(?!的)|不想|不喜欢|不爱|讨厌|除了|不含|(?<!有)没有|不包括|排除|非|不能|拒绝|不看|不是|不|怕|受不了|去掉|除去)(?:太|看|要|有|任何|是|那么|这么|含|带|想看|喜欢|很|过于|什么|那种|这种|的|包括|包含|会|再|给我|推荐|推|来|选)*$")]
    internal static partial Regex ChineseNegation();

    // "动画的就算了", "恐怖片不要", "爱情片除外": the refusal after the genre.
    [GeneratedRegex(@"^(?:片子|片|电影|类|类的)?(?:的)?\s*(?:就|也|都)?(?:算了|免了|不要了|不要|不用了|不用|不看|除外|别了|拉倒|不考虑|不行|pass)(?=$|[，,。.!！?？;；\s]|吧|啊|哦|呀|了)")]
    internal static partial Regex ChineseNegationAfter();
}
