namespace AgentRec.Core.Intent;

/// <summary>The kind of a token of a request.</summary>
internal enum TokenKind
{
    Word,
    Number,
    Cjk,
    Punct,
}

/// <summary>One token of a normalised request: its text, a typo-corrected form, and where it lies.</summary>
internal readonly record struct IntentToken(string Text, string Canon, int Start, int End, TokenKind Kind, bool SpaceBefore)
{
    public bool IsWord => Kind is TokenKind.Word or TokenKind.Number;
}

/// <summary>Normalisation and tokenisation of free-text requests, robust to any input.</summary>
internal static class IntentText
{
    /// <summary>Requests are cut to this many characters: nobody states an intent in more.</summary>
    public const int MaxChars = 2000;

    /// <summary>Lower case, NFKC (full-width digits and punctuation to ASCII), no control or format characters, single spaces.</summary>
    public static string Normalize(string message) => NormalizeBoth(message).Lower;

    /// <summary>The normalised text in lower case and with its case kept; both have the same length and offsets.</summary>
    public static (string Lower, string Cased) NormalizeBoth(string message)
    {
        var s = message.Length > MaxChars ? message[..MaxChars] : message;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                sb.Append(' ');
                continue;
            }

            sb.Append(c);
        }

        var text = sb.ToString().Normalize(NormalizationForm.FormKC);
        sb.Clear();
        var cased = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            var c = ch switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '`' or '\u00B4' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' => '"',
                '\u2013' or '\u2014' or '\u2212' => '-',
                '\u3002' => '.',
                '\u3001' => ',',
                _ => ch,
            };
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                cased.Append(' ');
                space = false;
            }

            sb.Append(char.ToLowerInvariant(c));
            cased.Append(c);
        }

        return (sb.ToString(), cased.ToString());
    }

    /// <summary>True for Han, kana and Hangul characters, which are matched as substrings rather than words.</summary>
    public static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF')
            or (>= '\u3040' and <= '\u30FF') or (>= '\uAC00' and <= '\uD7AF');

    /// <summary>True when <paramref name="text"/> holds a character <see cref="IsCjk"/> accepts.</summary>
    public static bool HasCjk(string text)
    {
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits normalised text into words (letters and digits, with inner ' and -), CJK runs and punctuation.</summary>
    public static List<IntentToken> Tokenize(string text, Func<string, string>? canonicalize = null)
    {
        var tokens = new List<IntentToken>(Math.Min(256, text.Length / 3 + 4));
        var i = 0;
        var space = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ')
            {
                space = true;
                i++;
                continue;
            }

            var start = i;
            TokenKind kind;
            if (IsCjk(c))
            {
                while (i < text.Length && IsCjk(text[i]))
                {
                    i++;
                }

                kind = TokenKind.Cjk;
            }
            else if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
            {
                var digits = true;
                while (i < text.Length)
                {
                    var d = text[i];
                    if ((char.IsLetterOrDigit(d) || char.IsSurrogate(d) || CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark)
                        && !IsCjk(d))
                    {
                        digits &= char.IsAsciiDigit(d);
                        i++;
                    }
                    else if (d is '\'' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && !IsCjk(text[i + 1]))
                    {
                        digits = false;
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                kind = digits ? TokenKind.Number : TokenKind.Word;
            }
            else
            {
                i++;
                kind = TokenKind.Punct;
            }

            var t = text[start..i];
            var canon = kind == TokenKind.Word && canonicalize is not null ? canonicalize(t) : t;
            tokens.Add(new IntentToken(t, canon, start, i, kind, space));
            space = false;
        }

        return tokens;
    }

    /// <summary>Optimal string alignment distance (edits and adjacent transpositions), or max+1 once it exceeds <paramref name="max"/>.</summary>
    public static int BoundedDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 768 ? stackalloc int[width * 3] : new int[width * 3];
        var prev2 = rows[..width];
        var prev = rows.Slice(width, width);
        var cur = rows.Slice(width * 2, width);
        for (var j = 0; j < width; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, prev2[j - 2] + 1);
                }

                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }

        return Math.Min(prev[b.Length], max + 1);
    }
}
