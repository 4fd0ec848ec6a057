using AgentRec.Core.Intent.Vocabulary;
using static AgentRec.Core.Intent.Rules.GenreRule;
using static AgentRec.Core.Intent.Rules.WordLists;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Topics that are not genres ("time travel", 时间旅行, "about a heist"), carried as keywords.</summary>
internal static partial class TopicRule
{
    private static readonly ParserWords Words = ParserWords.Default;

    /// <summary>The topics of a request; those it rules out ("nothing gory", "not superhero stuff") go to <paramref name="avoided"/>.</summary>
    internal static List<string> ExtractKeywords(List<IntentToken> t, string canon, List<string> genres, List<string> excludes, List<string>? avoided = null)
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

                // "less violent" rules the topic out as "nothing violent" does (a genre said so, "less scary" after horror, stays asked for).
                if (!IsNegated(t, i, []) && !(i > 0 && t[i - 1].Canon == "less"))
                {
                    AddDistinct(keywords, [topic]);
                }
                else if (avoided is not null)
                {
                    AddDistinct(avoided, [topic]);
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
            while (last > 0 && (IntentLexicon.ItemNouns.Contains(words[last - 1]) || Words.CommonWords.Contains(words[last - 1])))
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

        // "不要青少年向的" rules the topic out, as "不要恐怖片" rules a genre out; so does a topic right after one ruled out
        // ("别太血腥暴力", "不要血腥和暴力").
        var said = new List<(int At, int End, string Topic)>();
        foreach (var (key, topic) in IntentLexicon.ChineseTopics)
        {
            var at = canon.IndexOf(key, StringComparison.Ordinal);
            if (at >= 0)
            {
                said.Add((at, at + key.Length, topic));
            }
        }

        var lastNegatedEnd = -1;
        foreach (var (at, end, topic) in said.OrderBy(s => s.At))
        {
            var negated = ChineseGenreRule.IsNegatedAt(canon, at, end)
                || (lastNegatedEnd >= 0 && at >= lastNegatedEnd && ChineseChainOrNothing().IsMatch(canon.AsSpan(lastNegatedEnd, at - lastNegatedEnd)));
            if (!negated)
            {
                AddDistinct(keywords, [topic]);
                continue;
            }

            lastNegatedEnd = end;
            if (avoided is not null)
            {
                AddDistinct(avoided, [topic]);
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

    internal static string? JoinCanon(List<IntentToken> t, int i, int n)
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

    [GeneratedRegex(@"(?<!\b(?:how|what)\s+)\b(?:about|involving|featuring|centered\s+on|centred\s+on|dealing\s+with|based\s+on)\s+(?:a\s+|an\s+|the\s+|some\s+)?(?<t>[a-z][a-z'\- ]{1,40}?)(?=\s*(?:[,.!?;§]|$|\b(?:from|in|with|that|which|who|for|and|or|but|please|made|released|set|since|before|after|between|during|like|where|to)\b))")]
    internal static partial Regex AboutTopic();

    [GeneratedRegex(@"(?:关于|有关|讲|讲述|描写)(?<t>[^，,。.!！?？§的]{1,10})的")]
    internal static partial Regex ChineseAbout();

    [GeneratedRegex(@"^\s*(?:和|或者?|与|、|跟|及|以及|,|，)?\s*$")]
    private static partial Regex ChineseChainOrNothing();
}
