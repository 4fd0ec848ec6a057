namespace AgentRec.Core.People;

/// <summary>How names are compared: the catalog writes "Wong Kar-Wai", "Miloš Forman", "J.K. Rowling"; users write them every which way.</summary>
public static class PersonNames
{
    /// <summary>
    /// The comparison key of a name: letters and digits only, lower case, accents removed ("J. K. Rowling" and
    /// "J.K. Rowling" → "jkrowling"; "Wong Kar-Wai" → "wongkarwai"). Chinese characters are kept as they are.
    /// </summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        // Letters that do not decompose into a base letter and a mark.
        return sb.Replace('ø', 'o').Replace('ł', 'l').Replace('đ', 'd').Replace("æ", "ae").Replace("ß", "ss").ToString();
    }

    /// <summary>The key under which an alias is claimed: the same as <see cref="Key"/>, so "Spielberg" and "spielberg" are one alias.</summary>
    public static string AliasKey(string alias) => Key(alias);

    /// <summary>True when <paramref name="text"/> holds a CJK character (the name is matched as Chinese text, not as words).</summary>
    public static bool HasCjk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a CJK unified ideograph or a kana character.</summary>
    public static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf' or >= '\u3040' and <= '\u30ff';

    /// <summary>The separators Chinese writing puts between the parts of a foreign name ("斯蒂芬·金", "斯蒂芬•金", "斯蒂芬金").</summary>
    internal static readonly string[] ChineseNameDots = ["·", "•", "・", "‧", "．", "-", string.Empty];

    /// <summary>Every written form of a Chinese alias: with each usual separator between its parts, and with none.</summary>
    internal static IEnumerable<string> ChineseForms(string alias)
    {
        yield return alias;
        var parts = alias.Split(ChineseNameDots[..^1], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1)
        {
            yield break;
        }

        foreach (var dot in ChineseNameDots)
        {
            yield return string.Join(dot, parts);
        }
    }
}
