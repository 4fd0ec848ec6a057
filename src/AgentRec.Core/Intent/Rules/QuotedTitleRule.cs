using AgentRec.Core.Catalog;
using static AgentRec.Core.Intent.Rules.TitleText;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Names in quotes ("Heat", 《活着》, 「千と千尋」): the Chinese alias table first, then the catalog.</summary>
internal sealed partial class QuotedTitleRule(TitleResolver? titles)
{
    private readonly TitleResolver? _titles = titles;

    internal static readonly KeyValuePair<string, string>[] ChineseTitlesLongestFirst =
        [.. IntentLexicon.ChineseTitles.OrderByDescending(p => p.Key.Length)];

    internal void FindQuoted(string lower, string cased, List<IntentToken> tokens, TitleFindings found, ItemDomain? domain)
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
    internal TitleReference? ResolveLoose(string text, ItemDomain? domain)
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

    [GeneratedRegex("\"(?<t>[^\"]{1,150})\"|《(?<t>[^》]{1,80})》|「(?<t>[^」]{1,80})」|『(?<t>[^』]{1,80})』|(?<![\\p{L}\\p{N}])'(?<t>[^']{2,80})'(?![\\p{L}\\p{N}])")]
    internal static partial Regex QuotedTitle();
}
