using AgentRec.Core.Intent.Vocabulary;
using static AgentRec.Core.Intent.Rules.GenreRule;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Word-level tests shared by the title rules: where a span ends, which words cannot be a title, masking and joining.</summary>
internal static partial class TitleText
{
    private static readonly ParserWords Words = ParserWords.Default;

    internal static bool IsSoftStop(IntentToken t) =>
        t.Kind != TokenKind.Word || Words.SoftStops.Contains(t.Canon) || IntentLexicon.EnglishGenres.ContainsKey(GenreKey(t.Canon))
        || DecadeToken().IsMatch(t.Canon);

    internal static int SpanEnd(List<IntentToken> tokens, int pos, TitleFindings found)
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
            else if (end > pos && Words.SpanBreakers.Contains(t.Canon))
            {
                break;
            }

            end++;
        }

        return end;
    }

    internal static bool IsYear(IntentToken t) =>
        t.Kind == TokenKind.Number && t.Text.Length == 4 && int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && y is >= 1870 and <= 2100;

    internal static bool IsGenericCandidate(List<IntentToken> tokens, int pos, int k)
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
        if ((Words.GenericStarts.Contains(first) && !kindThenMore) || yearBound)
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

            if (!(IntentLexicon.ItemNouns.Contains(w) || Words.CommonWords.Contains(w) || IntentLexicon.NumberWords.ContainsKey(w)
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
    internal static bool LooksNamed(List<IntentToken> tokens, int pos, int k)
    {
        var uncommon = 0;
        for (var j = pos + 1; j < k; j++)
        {
            var w = tokens[j].Canon;
            if (tokens[j].IsWord && !(IntentLexicon.ItemNouns.Contains(w) || Words.CommonWords.Contains(w) || Words.GenericStarts.Contains(w)
                || IntentLexicon.NumberWords.ContainsKey(w) || IntentLexicon.EnglishGenres.ContainsKey(GenreKey(w))))
            {
                uncommon++;
            }
        }

        return uncommon >= 2;
    }

    /// <summary>Records a resolved name and masks the tokens [from, to) it was read from.</summary>
    internal static void Claim(TitleFindings found, TitleMatch match, int from, int to)
    {
        found.Add(new TitleReference(match.Item.Title, match.Item.Id));
        Mask(found, from, to);
    }

    /// <summary>The kind of item a noun names ("films", "novel"), or null for any other word.</summary>
    internal static ItemDomain? ItemNounDomain(string canon) => canon switch
    {
        "movies" or "films" or "movie" or "film" => ItemDomain.Movie,
        "books" or "novels" or "book" or "novel" => ItemDomain.Book,
        _ => null,
    };

    internal static bool IsCapitalised(string cased, IntentToken token) => token.Start < cased.Length && char.IsUpper(cased[token.Start]);

    /// <summary>Whether <paramref name="token"/> cannot sit inside a name: Chinese text, or punctuation other than a name's own (' : . &amp; -).</summary>
    internal static bool BreaksName(IntentToken token) =>
        token.Kind == TokenKind.Cjk || (token.Kind == TokenKind.Punct && token.Text is not ("'" or ":" or "." or "&" or "-"));

    internal static void Mask(TitleFindings found, int from, int to)
    {
        for (var j = from; j < to && j < found.Masked.Length; j++)
        {
            found.Masked[j] = true;
        }
    }

    internal static string Join(string? cased, List<IntentToken> tokens, int from, int to)
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

    /// <summary>Whether a token that cannot sit inside a name (<see cref="BreaksName"/>) or an already-read span lies in [from, to).</summary>
    internal static bool RangeBroken(List<IntentToken> tokens, TitleFindings found, int from, int to)
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

    [GeneratedRegex(@"^'?(?:\d{2}|\d{4})'?s$|^(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties)$")]
    internal static partial Regex DecadeToken();
}
