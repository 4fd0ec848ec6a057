using AgentRec.Core.Catalog;
using AgentRec.Core.Intent.Vocabulary;
using static AgentRec.Core.Intent.Rules.QuotedTitleRule;
using static AgentRec.Core.Intent.Rules.TitleText;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Titles in Chinese text: known Chinese names, "像…那样的" spans, and English names before a Chinese cue ("Inception这样的电影").</summary>
internal sealed partial class ChineseTitleRule(TitleResolver? titles, TitleSpans spans)
{
    // Vocabulary/parser-words.json chineseGenericInTitle, chineseFeedbackBefore, chineseSimilarBefore.
    private static readonly Regex GenericInTitle = Cues(ParserWords.Default.ChineseGenericInTitle, "");
    private static readonly Regex FeedbackBefore = Cues(ParserWords.Default.ChineseFeedbackBefore, @"\s*《?\s*$");
    private static readonly Regex SimilarBefore = Cues(ParserWords.Default.ChineseSimilarBefore, "[^，,。!！?？]*$");

    private readonly TitleResolver? _titles = titles;
    private readonly TitleSpans _spans = spans;

    /// <summary>
    /// English names followed by a Chinese cue: "Pride and Prejudice这本书我很喜欢" (feedback), "Inception这样的电影",
    /// "Top Gun、Terminator 2这一类的" (similar). Each name runs over a whole Latin run; runs may be joined by 、 , 和 与.
    /// </summary>
    internal void FindLatinBeforeChineseCue(List<IntentToken> tokens, TitleFindings found, ItemDomain? domain)
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
                if (!_spans.TryResolvePrefix(tokens, from, to, allowFuzzy: true, domain, out var k, out var yearTokens, out var match) || k + yearTokens != to)
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

    internal void FindChinese(string lower, TitleFindings found, ItemDomain? domain)
    {
        if (!IntentText.HasCjk(lower))
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
            MarkChineseCue(work, idx, idx + alias.Length, found, reference);
            work = work.Replace(alias, "§", StringComparison.Ordinal);
        }

        foreach (Match m in ChineseUnknownTitle().Matches(work))
        {
            var t = m.Groups["t"].Value;
            // "像第二部那样的": a position in the answer before (第二部, 第三本) is no title.
            if (GenericInTitle.IsMatch(t) || ContainsChineseGenre(t) || HasLatinLetter(t) || CueVocabulary.Default.PointsAtPosition(t) is not null
                || found.Titles.Exists(r => r.Title.Contains(t, StringComparison.Ordinal)))
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

    private static Regex Cues(IEnumerable<string> words, string after) =>
        new("(?:" + string.Join('|', words.OrderByDescending(w => w.Length).Select(Regex.Escape)) + ")" + after, RegexOptions.CultureInvariant | RegexOptions.Compiled);

    internal static void MarkChineseCue(string text, int start, int end, TitleFindings found, TitleReference title)
    {
        var before = text[..start];
        var after = ChineseCueAfterLatin().Match(text, end); // \G: only a cue right after the name
        if (!SimilarBefore.IsMatch(before) && (FeedbackBefore.IsMatch(before) || (after.Success && after.Groups["fb"].Success)))
        {
            // "追风筝的人这本书太好看了": the judgement's words are not the request's.
            if (after.Success)
            {
                found.MaskedText.Add(after.Value);
            }

            found.Feedback = true;
        }
        else if (Vocabulary.CueVocabulary.Default.EndsWithLeaveOut(before))
        {
            // "除了千与千寻": the title is left out of the answer, not its anchor.
            found.LeftOut.Add(title);
        }
        else
        {
            found.Similar = true;
        }
    }

    internal static bool HasLatinLetter(string text)
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

    internal static bool ContainsChineseGenre(string text)
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

    [GeneratedRegex("(?:(?<sim>像|类似于|类似|如同|比如|和|跟|与|接近|相近|相似于|相似|近似|差不多)|(?<fb>喜欢|爱看|讨厌|看过|看了|不喜欢|读完|看完|读过|读了|刷完|刷了)|(?<ex>为什么推荐|为什么选|为什么给我推荐|为什么|为啥推荐|为啥给我推荐|为啥|为何推荐|为何|怎么会推荐|会推荐|要推荐|会选|要选))$")]
    internal static partial Regex ChineseCueBeforeLatin();

    [GeneratedRegex("\\G(?:这本书|这本小说|这本|这部电影|这部动画片|这部动画|这部片子|这部片|这部剧|这部|这个|那部|那本)?(?:我们|我)?(?:真的|真是|真|太|很|非常|特别|超级|超|挺|也|都|已经|实在)*(?:(?<fb>喜欢|爱看|爱读|讨厌|不喜欢|看过|看了|读过|读了|好看|不错|精彩|难看|无聊|一般|感人|太[\u4e00-\u9fff]{1,4}?了)|(?<sim>这样|那样|一样|这种|那种|这类|那类|这一类|那一类|一类|之类|似的|类型|风格))")]
    internal static partial Regex ChineseCueAfterLatin();

    [GeneratedRegex("(?:像|类似于?|如同)《?(?<t>[^，,。.!！?？《》\\s§\\d]{2,15}?)》?(?:那样|一样|这样|那种|这种|差不多|之类|似的|的)")]
    internal static partial Regex ChineseUnknownTitle();

}
