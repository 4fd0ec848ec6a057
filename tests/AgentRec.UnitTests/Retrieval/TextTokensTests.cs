using AgentRec.Core.Catalog;
using AgentRec.Core.Retrieval;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Retrieval;

public sealed class TextTokensTests
{
    private static readonly string[] Pieces =
    [
        "Heat", "DON'T", "rock'n'roll", "'", "''", "I", "the", "1995", "90s", "Sci-Fi", "科幻", "电影", "好", "a科b", "É", "ÉCOLE", "İstanbul",
        "ß", " ", "  ", "\t", "-", ",", "!", "\u3400", "\u9FFF", "\uD801\uDC00", "\uD800", "x", new string('W', 200), "Straße", "ǅ",
    ];

    [Theory]
    [InlineData("Don't Look Up (2021)", false, new[] { "dont", "look", "up", "2021" })]
    [InlineData("recommend 5 good movies about time travel", true, new[] { "time", "travel" })]
    [InlineData("推荐科幻电影", false, new[] { "推荐", "荐科", "科幻", "幻电", "电影" })]
    [InlineData("Matrix科幻 x", false, new[] { "matrix", "科幻", "x" })]
    [InlineData("科 a", false, new[] { "a" })]
    public void Tokenize_splits_words_and_cjk_bigrams(string text, bool dropStopWords, string[] expected) =>
        Assert.Equal(expected, TextTokens.Tokenize(text, dropStopWords));

    [Property(MaxTest = 500)]
    public Property Tokenizer_yields_what_the_plain_definition_does()
    {
        var texts = Gen.ArrayOf(Gen.Elements(Pieces)).Select(a => string.Concat(a));
        return Prop.ForAll(texts.ToArbitrary(), text => Spans(text).SequenceEqual(Reference(text)));
    }

    [Property(MaxTest = 300)]
    public bool Tokenizer_matches_the_definition_on_any_string(string? text) =>
        Spans(text ?? string.Empty).SequenceEqual(Reference(text ?? string.Empty));

    [Fact]
    public void A_word_longer_than_the_buffer_is_still_one_lower_cased_token()
    {
        var word = new string('Q', TextTokens.Tokenizer.BufferLength * 3);
        Assert.Equal([word.ToLowerInvariant(), "end"], Spans(word + " END"));
    }

    private static List<string> Spans(string text)
    {
        var tokens = new List<string>();
        var tokenizer = new TextTokens.Tokenizer(text, stackalloc char[TextTokens.Tokenizer.BufferLength]);
        while (tokenizer.MoveNext())
        {
            tokens.Add(tokenizer.Current.ToString());
        }

        return tokens;
    }

    /// <summary>The tokens by their definition, with strings: runs of letters and digits (apostrophes inside kept
    /// out), lower-cased invariantly; a CJK character ends a run, and each pair of adjacent CJK characters is a token.</summary>
    private static List<string> Reference(string text)
    {
        var tokens = new List<string>();
        var word = new System.Text.StringBuilder();
        void End()
        {
            var token = word.ToString().ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal);
            if (token.Length > 0)
            {
                tokens.Add(token);
            }

            word.Clear();
        }

        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (TextTokens.IsCjk(c))
            {
                End();
                inWord = false;
                if (i + 1 < text.Length && TextTokens.IsCjk(text[i + 1]))
                {
                    tokens.Add(text.Substring(i, 2));
                }
            }
            else if (char.IsLetterOrDigit(c))
            {
                inWord = true;
                word.Append(c);
            }
            else if (c == '\'' && inWord)
            {
                word.Append(c);
            }
            else if (c != '\'')
            {
                End();
                inWord = false;
            }
        }

        End();
        return tokens;
    }
}
