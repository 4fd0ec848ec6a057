using AgentRec.Core.Intent.Vocabulary;
using static AgentRec.Core.Intent.Rules.ChineseGenreRule;
using static AgentRec.Core.Intent.Rules.WordLists;

namespace AgentRec.Core.Intent.Rules;

/// <summary>English genre words with negation ("no horror", "anything but romance"); Chinese genres through <see cref="ChineseGenreRule"/>.</summary>
internal static class GenreRule
{
    private static readonly ParserWords Words = ParserWords.Default;

    internal static string GenreKey(string word) =>
        word.Contains('-', StringComparison.Ordinal) || word.Contains('\'', StringComparison.Ordinal)
            ? word.Replace("-", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)
            : word;

    internal static void ExtractGenres(List<IntentToken> t, string canon, List<string> genres, List<string> excludes)
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

                // "Live action only please": no cartoons, and no genre Action either.
                if (ParserWords.Default.NotAnimated.Contains(key))
                {
                    g = ["Animation"];
                    forced = true;
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

    internal static bool IsNegated(List<IntentToken> t, int g, List<(int Start, int End, string[] Genres, bool Negated)> previous)
    {
        if (previous.Count > 0 && previous[^1].Negated)
        {
            var chained = true;
            for (var j = previous[^1].End; j < g; j++)
            {
                if (!Words.ChainWords.Contains(t[j].Canon))
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

        // A negation before an earlier genre word is that genre's ("not too scary for kids" rules out Horror, not Children).
        var floor = previous.Count > 0 ? previous[^1].End : 0;
        for (var j = g - 1; j >= floor && j >= g - 6; j--)
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

            // "I've never really read fantasy but want to give it a go": no experience of it, no refusal.
            if (w == "never" && ParserWords.Default.NeverDone.Contains(next))
            {
                return false;
            }

            if (Words.NegationCues.Contains(w))
            {
                return !(w == "nothing" && next == "but") && !(w == "not" && next is "only" or "just")
                    && !(w is "no" or "not" && next is "matter" or "problem");
            }

            // "she's kind of over dystopian stuff", "done with superheroes": had enough of it.
            if ((w == "than" && prev is "rather" or "other") || (w == "of" && prev is "instead" or "tired" or "sick" or "free" or "rid")
                || (w == "over" && prev is "of" or "so" or "bit" or "totally" or "really" or "pretty" or "'m" or "'s" or "im" or "i'm" or "'re" or "are" or "were" or "theyre" or "they're")
                || (w == "with" && prev == "done")
                || (w == "out" && prev is "filter" or "leave" or "take" or "cut" or "rule" or "keep")
                || (w == "but" && prev is "anything" or "everything"))
            {
                return true;
            }

            if (Words.ScopeBreakers.Contains(w))
            {
                return false;
            }
        }

        return false;
    }
}
