using System.Text.Json;
using AgentRec.Core.Llm;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Llm;

public sealed class JsonSchemaGrammarTests
{
    private const string Schema = """
        {"type":"object","properties":{
          "request":{"type":"string","maxLength":30},
          "signal":{"type":"string","enum":["like","dislike","watched","skip"]},
          "count":{"type":["integer","null"],"minimum":1,"maximum":50},
          "weight":{"type":"number"},
          "strict":{"type":"boolean"},
          "filters":{"anyOf":[{"type":"null"},{"type":"object","properties":{"genres":{"type":"array","items":{"type":"string"},"maxItems":3},"yearFrom":{"type":["integer","null"]}}}]},
          "ids":{"type":"array","items":{"type":"integer","minimum":-5,"maximum":5}}
        },"required":["request","signal"]}
        """;

    private static readonly JsonElement SchemaElement = JsonDocument.Parse(Schema).RootElement.Clone();
    private static readonly SchemaNode Node = SchemaNode.FromSchema(SchemaElement);

    [Fact]
    public void Accepts_a_document_valid_against_the_schema()
    {
        var grammar = new JsonSchemaGrammar(Node);

        Assert.True(grammar.TryFeed("""{"request":"heist films","signal":"like","count":12,"weight":-0.25,"strict":true,"filters":{"genres":["Crime"],"yearFrom":null},"ids":[-5,0,3]}"""));
        Assert.True(grammar.IsComplete);
    }

    [Theory]
    [InlineData("""{"signal":"like"}""")]
    [InlineData("""{"request":"a","signal":"love"}""")]
    [InlineData("""{"request":"a","signal":"like","count":51}""")]
    [InlineData("""{"request":"a","signal":"like","count":0}""")]
    [InlineData("""{"request":"a","signal":"like","count":07}""")]
    [InlineData("""{"request":"a","signal":"like","ids":[6]}""")]
    [InlineData("""{"request":"a","signal":"like","strict":"yes"}""")]
    [InlineData("""{"request":"a","signal":"like","filters":{"genres":["a","b","c","d"]}}""")]
    [InlineData("""{"request":"a","signal":"like","unknown":1}""")]
    [InlineData("""{"request":"this string is longer than thirty chars","signal":"like"}""")]
    [InlineData("""{"request":"a\"b","signal":"like"}""")]
    [InlineData("""{"signal":"like","request":"a"}""")]
    public void Rejects_documents_outside_the_schema(string json)
    {
        var grammar = new JsonSchemaGrammar(Node);

        Assert.False(grammar.TryFeed(json) && grammar.IsComplete);
    }

    [Property(MaxTest = 200)]
    public void Any_random_accepted_prefix_completes_to_a_schema_valid_document(int seed)
    {
        const string alphabet = "{}[]\",:-.0123456789abcdefghijklmnopqrstuvwxyz \"\"\"";
        var random = new Random(seed);
        var grammar = new JsonSchemaGrammar(Node);
        var text = "";
        for (var step = 0; step < 120 && !grammar.IsComplete; step++)
        {
            var options = alphabet.Where(c => { var copy = grammar; return copy.Feed(c); }).ToArray();
            if (options.Length == 0)
            {
                break;
            }

            var c = options[random.Next(options.Length)];
            Assert.True(grammar.Feed(c));
            text += c;
        }

        var json = text + grammar.Complete();

        using var doc = JsonDocument.Parse(json);
        SchemaAssert.Valid(SchemaElement, doc.RootElement);
    }

    [Fact]
    public void Tool_call_grammar_takes_the_arguments_schema_of_the_named_tool()
    {
        var tools = SchemaNode.ToolCall([("recommend", SchemaElement), ("explain", JsonDocument.Parse("""{"type":"object","properties":{"item_id":{"type":"string"}},"required":["item_id"]}""").RootElement)]);
        var grammar = new JsonSchemaGrammar(tools);

        Assert.True(grammar.TryFeed("""{"name":"explain","arguments":{"""));
        Assert.Equal(1, grammar.Tool);
        Assert.False(grammar.TryFeed("\"request\""));
        Assert.Equal("\"item_id\":\"\"}}", grammar.Complete());
    }
}
