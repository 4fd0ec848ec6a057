namespace AgentRec.Core.Catalog;

/// <summary>A source title split into what people call it, its year and the other names it carries.</summary>
public sealed record ParsedTitle(string DisplayTitle, int? Year, IReadOnlyList<string> AlternateTitles);

/// <summary>
/// Parses catalog titles in the MovieLens style: a trailing "(1999)" year (or "(2007-)" range),
/// a trailing article moved after a comma ("Matrix, The"), and alternate names in parentheses
/// ("City of Lost Children, The (Cité des enfants perdus, La)", "Seven (a.k.a. Se7en)").
/// </summary>
public static class TitleParser
{
    // Articles that MovieLens moves to the end of a title, in the languages its catalog uses.
    private static readonly HashSet<string> Articles = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "A", "An", "Les", "La", "Le", "L'", "Il", "El", "Los", "Las", "Das", "Der", "Die", "Den", "Det",
        "Une", "Un", "Una", "Lo", "I", "Gli", "O", "Os", "As", "De", "Het", "En", "Ett", "Ta", "To", "Hoi",
    };

    /// <summary>Parses a raw catalog title; never throws, and returns the input trimmed when it has no structure.</summary>
    public static ParsedTitle Parse(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        var year = ExtractTrailingYear(ref text);

        var alternates = new List<string>();
        // Peel trailing parenthesised groups: they are alternate or original-language titles.
        while (text.EndsWith(')') && text.Length > 2)
        {
            var open = FindMatchingOpen(text, text.Length - 1);
            if (open <= 0)
            {
                break;
            }

            var inner = text[(open + 1)..^1].Trim();
            var head = text[..open].TrimEnd();
            if (head.Length == 0 || inner.Length == 0)
            {
                break;
            }

            if (inner.StartsWith("a.k.a.", StringComparison.OrdinalIgnoreCase))
            {
                inner = inner[6..].Trim();
            }

            alternates.Insert(0, MoveArticleToFront(inner));
            text = head;
        }

        return new ParsedTitle(MoveArticleToFront(text), year, alternates);
    }

    /// <summary>
    /// Folds a title for matching: lower case, accents removed, punctuation dropped ("&amp;" read as "and"), whitespace
    /// collapsed, and a leading article removed ("The Matrix" and "matrix" fold the same).
    /// </summary>
    public static string Fold(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var decomposed = title.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                pendingSpace = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c == '&')
            {
                // "Wallace & Gromit" is "wallace and gromit", as people type it.
                sb.Append(sb.Length > 0 ? " and" : "and");
                pendingSpace = true;
            }
            else if (c != '\'')
            {
                pendingSpace = true;
            }
        }

        var folded = sb.ToString();
        foreach (var article in (ReadOnlySpan<string>)["the ", "a ", "an "])
        {
            if (folded.StartsWith(article, StringComparison.Ordinal) && folded.Length > article.Length)
            {
                return folded[article.Length..];
            }
        }

        return folded;
    }

    private static int? ExtractTrailingYear(ref string text)
    {
        if (!text.EndsWith(')'))
        {
            return null;
        }

        var open = text.LastIndexOf('(');
        if (open < 0)
        {
            return null;
        }

        var inner = text.AsSpan(open + 1, text.Length - open - 2).Trim();
        // "1999", "2007-", "2007-2013", "2007–2013"
        if (inner.Length < 4 || !int.TryParse(inner[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        var rest = inner[4..];
        if (rest.Length > 0 && rest[0] is not ('-' or '–'))
        {
            return null;
        }

        if (rest.Length > 1 && !int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        if (year is < 1800 or > 2200)
        {
            return null;
        }

        text = text[..open].TrimEnd();
        return year;
    }

    private static int FindMatchingOpen(string text, int close)
    {
        var depth = 0;
        for (var i = close; i >= 0; i--)
        {
            if (text[i] == ')')
            {
                depth++;
            }
            else if (text[i] == '(')
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static string MoveArticleToFront(string title)
    {
        var comma = title.LastIndexOf(", ", StringComparison.Ordinal);
        if (comma <= 0)
        {
            return title;
        }

        var tail = title[(comma + 2)..].Trim();
        if (!Articles.Contains(tail))
        {
            return title;
        }

        var head = title[..comma];
        // "L'" joins the next word without a space: "Homme, L'" -> "L'Homme".
        return tail.EndsWith('\'') ? tail + head : tail + " " + head;
    }
}
