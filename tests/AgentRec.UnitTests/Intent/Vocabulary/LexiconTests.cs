using System.Text;
using AgentRec.Core.Intent;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.UnitTests.Intent.Vocabulary;

public sealed class LexiconTests
{
    [Fact]
    public void The_shipped_lexicon_maps_genre_words_to_catalog_genres()
    {
        var lexicon = Lexicon.LoadEmbedded(IntentLexicon.Genres);

        Assert.Equal(["Romance", "Comedy"], lexicon.EnglishGenres["romcom"]);
        Assert.Empty(lexicon.EnglishGenres["starwars"]);
        Assert.Equal("科幻", lexicon.ChineseGenres.Single(p => p.Value.SequenceEqual(["Sci-Fi"])).Key);
    }

    [Fact]
    public void Chinese_genre_words_are_tried_longest_first()
    {
        var lengths = Lexicon.LoadEmbedded(IntentLexicon.Genres).ChineseGenres.Select(p => p.Key.Length).ToList();

        Assert.Equal(lengths.OrderByDescending(n => n), lengths);
    }

    [Fact]
    public void A_genre_the_catalog_lacks_names_the_group()
    {
        var error = Assert.Throws<VocabularyException>(() => Load(Replace("\"genres\": [\"Sci-Fi\"]", "\"genres\": [\"SciFi\"]")));

        Assert.Contains("lexicon.json: 'englishGenres.groups' group", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"SciFi\", not a catalog genre", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_genre_word_in_two_groups_is_an_error()
    {
        var error = Assert.Throws<VocabularyException>(() => Load(Replace("\"fantasy\", \"fantasies\"", "\"fantasy\", \"horror\"")));

        Assert.Contains("word \"horror\" is already in an earlier group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_lexicon_names_the_file_and_line()
    {
        var error = Assert.Throws<VocabularyException>(() => Load("{\n  \"englishGenres\": {\n    \"groups\": [ { ]\n  }\n}"));

        Assert.StartsWith("lexicon.json line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_word_without_a_positive_count_is_an_error()
    {
        var error = Assert.Throws<VocabularyException>(() => Load(Replace("\"one\": 1", "\"one\": \"1\"")));

        Assert.Contains("'numberWords.entries' \"one\" has an invalid value", error.Message, StringComparison.Ordinal);
    }

    private static Lexicon Load(string json) => Lexicon.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), Lexicon.FileName, IntentLexicon.Genres);

    // The shipped file with one piece of its text replaced.
    private static string Replace(string from, string to)
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream("AgentRec.Vocabulary." + Lexicon.FileName)!;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
