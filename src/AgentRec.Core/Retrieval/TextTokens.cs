namespace AgentRec.Core.Retrieval;

/// <summary>Splits text into lower-case word tokens for lexical matching; CJK text becomes character bigrams.</summary>
public static class TextTokens
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "about", "from", "by", "at", "is", "are", "be",
        "me", "my", "i", "you", "some", "few", "any", "that", "this", "it", "its", "like", "want", "would", "please", "recommend",
        "suggest", "show", "give", "find", "movie", "movies", "film", "films", "book", "books", "something", "anything", "good",
        "great", "best", "top", "highly", "rated", "popular", "new", "newer", "latest", "recent", "one", "two", "three", "four",
        "five", "six", "seven", "eight", "nine", "ten", "more", "less", "not", "no", "nothing", "but", "also", "similar", "watch",
        "read", "tonight", "maybe", "picks", "pick", "list", "s", "genres", "tags", "also", "known", "as",
    };

    /// <summary>Word tokens of <paramref name="text"/>, stop words removed when <paramref name="dropStopWords"/>.</summary>
    public static List<string> Tokenize(string text, bool dropStopWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var span = text.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var c = i < span.Length ? span[i] : ' ';
            if (IsCjk(c))
            {
                Flush(span, ref start, i, tokens, dropStopWords);
                if (i + 1 < span.Length && IsCjk(span[i + 1]))
                {
                    tokens.Add(new string([c, span[i + 1]]));
                }

                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (c != '\'')
            {
                Flush(span, ref start, i, tokens, dropStopWords);
            }
        }

        return tokens;
    }

    private static void Flush(ReadOnlySpan<char> span, ref int start, int end, List<string> tokens, bool dropStopWords)
    {
        if (start < 0)
        {
            return;
        }

        var token = span[start..end].ToString().ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal);
        start = -1;
        // In a request, bare numbers are counts or years the intent already holds ("recommend 5 movies"), not topics.
        if (token.Length > 0 && !(dropStopWords && (StopWords.Contains(token) || IsNumber(token))))
        {
            tokens.Add(token);
        }
    }

    private static bool IsNumber(string token)
    {
        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
