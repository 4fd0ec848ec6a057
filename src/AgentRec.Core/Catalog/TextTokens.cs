
namespace AgentRec.Core.Catalog;

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

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Word tokens of <paramref name="text"/>, stop words removed when <paramref name="dropStopWords"/>.</summary>
    public static List<string> Tokenize(string text, bool dropStopWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var tokenizer = new Tokenizer(text, stackalloc char[Tokenizer.BufferLength]);
        while (tokenizer.MoveNext())
        {
            var token = tokenizer.Current;
            // In a request, bare numbers are counts or years the intent already holds ("recommend 5 movies"), not topics.
            if (!(dropStopWords && (StopWordSpans.Contains(token) || IsNumber(token))))
            {
                tokens.Add(token.ToString());
            }
        }

        return tokens;
    }

    /// <summary>
    /// The tokens of <see cref="Tokenize"/> (stop words kept) one at a time, each lower-cased into a caller's buffer
    /// instead of a new string: words of letters and digits, apostrophes dropped ("don't" → "dont"), and each pair
    /// of adjacent CJK characters as one token. <see cref="Current"/> is valid until the next <see cref="MoveNext"/>.
    /// </summary>
    public ref struct Tokenizer
    {
        /// <summary>A buffer length that holds any ordinary word; longer words are lower-cased into a string.</summary>
        public const int BufferLength = 128;

        private readonly ReadOnlySpan<char> _text;
        private readonly Span<char> _buffer;
        private int _position;
        private int _start;

        /// <summary>Tokens of <paramref name="text"/>, lower-cased into <paramref name="buffer"/>.</summary>
        public Tokenizer(ReadOnlySpan<char> text, Span<char> buffer)
        {
            _text = text;
            _buffer = buffer;
            _start = -1;
            Current = default;
        }

        /// <summary>The current token.</summary>
        public ReadOnlySpan<char> Current { get; private set; }

        /// <summary>Moves to the next token; false at the end of the text.</summary>
        public bool MoveNext()
        {
            while (_position <= _text.Length)
            {
                var i = _position;
                var c = i < _text.Length ? _text[i] : ' ';
                if (IsCjk(c))
                {
                    if (_start >= 0)
                    {
                        // The word before the CJK character ends here; the character is read again on the next call.
                        if (EndWord(i))
                        {
                            return true;
                        }

                        continue;
                    }

                    _position++;
                    if (i + 1 < _text.Length && IsCjk(_text[i + 1]))
                    {
                        Current = _text.Slice(i, 2);
                        return true;
                    }

                    continue;
                }

                _position++;
                if (char.IsLetterOrDigit(c))
                {
                    if (_start < 0)
                    {
                        _start = i;
                    }
                }
                else if (c != '\'' && _start >= 0 && EndWord(i))
                {
                    return true;
                }
            }

            return false;
        }

        private bool EndWord(int end)
        {
            var word = _text[_start..end];
            _start = -1;
            Span<char> lower;
            if (word.Length <= _buffer.Length)
            {
                lower = _buffer[..word.Length];
                word.ToLowerInvariant(lower);
            }
            else
            {
                lower = word.ToString().ToLowerInvariant().ToCharArray();
            }

            var length = 0;
            foreach (var ch in lower)
            {
                if (ch != '\'')
                {
                    lower[length++] = ch;
                }
            }

            Current = lower[..length];
            return length > 0;
        }
    }

    private static bool IsNumber(ReadOnlySpan<char> token)
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

    /// <summary>True when <paramref name="text"/> holds a character <see cref="IsCjk"/> accepts.</summary>
    internal static bool HasCjk(string text)
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
}
