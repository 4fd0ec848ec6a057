using System.Text;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.UnitTests.Intent.Vocabulary;

public sealed class ParserWordsTests
{
    [Fact]
    public void The_shipped_parser_words_load()
    {
        var words = ParserWords.Default;

        Assert.Contains("without", (IReadOnlySet<string>)words.NegationCues);
        Assert.Contains("masterpiece", (IReadOnlySet<string>)words.Verdicts);
    }

    [Fact]
    public void A_malformed_word_file_names_the_file_and_line()
    {
        var error = Assert.Throws<VocabularyException>(() => Load("{\n  \"negationCues\": {\n    \"words\": [\"no\",, ]\n  }\n}"));

        Assert.StartsWith("parser-words.json line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_word_names_the_section_and_entry()
    {
        var error = Assert.Throws<VocabularyException>(() => Load(WithSection("negationCues", "\"no\", \"not\", \"no\"")));

        Assert.Contains("'negationCues.words' entry 2 (\"no\") repeats", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capitalised_word_is_an_error_because_tokens_are_lower_case()
    {
        var error = Assert.Throws<VocabularyException>(() => Load(WithSection("verdicts", "\"good\", \"Great\"")));

        Assert.Contains("'verdicts.words' entry 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_section_is_an_error()
    {
        var error = Assert.Throws<VocabularyException>(() => Load("{ \"negation\": { \"words\": [\"no\"] } }"));

        Assert.Contains("unknown section 'negation'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_section_says_which()
    {
        var error = Assert.Throws<VocabularyException>(() => Load("{ \"source\": \"test\" }"));

        Assert.Contains("'smalltalkCore.words' must be an array", error.Message, StringComparison.Ordinal);
    }

    private static ParserWords Load(string json) => ParserWords.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), ParserWords.FileName);

    // The shipped file with one section's words replaced.
    private static string WithSection(string section, string words)
    {
        using var stream = typeof(ParserWords).Assembly.GetManifestResourceStream("AgentRec.Vocabulary." + ParserWords.FileName)!;
        using var reader = new StreamReader(stream);
        var root = System.Text.Json.Nodes.JsonNode.Parse(reader.ReadToEnd())!.AsObject();
        root[section]!["words"] = System.Text.Json.Nodes.JsonNode.Parse("[" + words + "]");
        return root.ToJsonString();
    }
}
