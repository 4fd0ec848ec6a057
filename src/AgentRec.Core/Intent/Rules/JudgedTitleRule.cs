using AgentRec.Core.Catalog;
using AgentRec.Core.Intent.Vocabulary;
using static AgentRec.Core.Intent.Rules.TitleText;

namespace AgentRec.Core.Intent.Rules;

/// <summary>A name that opens a sentence and is judged ("Heat is a masterpiece"): feedback on that title.</summary>
internal sealed class JudgedTitleRule(TitleResolver? titles)
{
    private static readonly ParserWords Words = ParserWords.Default;

    private readonly TitleResolver? _titles = titles;

    /// <summary>
    /// A name that opens a sentence and is judged: "the hangover was not funny at all", "Heat is a masterpiece", "1984 was
    /// a great read". Feedback on that title; the judgement's words ("not funny") are no request for genres.
    /// </summary>
    internal void FindJudgedTitle(List<IntentToken> tokens, string cased, TitleFindings found, ItemDomain? domain)
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

                if (tokens[v].Canon is not ("was" or "is" or "were" or "'s") || v + 1 >= tokens.Count || !Words.Verdicts.Contains(tokens[v + 1].Canon)
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
}
