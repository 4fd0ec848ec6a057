using static AgentRec.Core.Intent.Rules.TitleText;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Names before a comparing suffix: "Godfather-style movies", "Finding Nemo type movies", "Alien kind of stuff".</summary>
internal sealed class SuffixTitleRule(TitleResolver? titles)
{
    private readonly TitleResolver? _titles = titles;

    /// <summary>
    /// A name before a suffix that compares: "Godfather-style movies", "Schindler's List-like films", "Finding Nemo type
    /// movies", "Alien kind of stuff". The name is the longest run of words before the suffix that the catalog knows
    /// (exactly, or loosely when it is capitalised as written).
    /// </summary>
    internal void FindBeforeSuffixCue(List<IntentToken> tokens, string cased, TitleFindings found, ItemDomain? domain)
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
                // "revenge type stuff", "a serial killer kind of vibe": words the catalog's tags use, written plain, say a
                // kind of item ("Heat type movies", written as a name, is the film).
                if (!capitalised && _titles.DescribesItems(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                {
                    continue;
                }

                if (text.Length > 1 && _titles.Resolve(text, allowFuzzy: capitalised, domain: domain) is { } match)
                {
                    Claim(found, match, from, last);
                    found.Similar = true;
                    break;
                }
            }
        }
    }

    /// <summary>"godfather-style" → "godfather"; null for a word without a comparing suffix.</summary>
    internal static string? GluedSuffixStem(string word)
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

    internal static bool IsSuffixCue(List<IntentToken> tokens, int c)
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
}
