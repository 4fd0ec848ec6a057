using System.Text.Json;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Llm;
using AgentRec.Core.Pipeline;

namespace AgentRec.UnitTests.Llm;

[Collection(TestModelsCollection.Name)]
public sealed class IntentJsonGrammarTests(TestModels models)
{
    [Fact]
    public void Completion_of_the_empty_prefix_is_a_parseable_intent()
    {
        var json = new IntentJsonGrammar().Complete();

        var intent = JsonSerializer.Deserialize(json, PipelineJsonContext.Default.RecommendationIntent);

        Assert.NotNull(intent);
        Assert.Equal(IntentActions.Recommend, intent.Action);
    }

    [Fact]
    public void Accepts_a_full_contract_example()
    {
        const string json = """{"action":"similar","domain":"movie","genres":["Sci-Fi","Action"],"excludeGenres":["Horror"],"yearFrom":1990,"yearTo":null,"similarTo":[{"title":"Blade Runner","itemId":null}],"keywords":["time travel"],"sort":"rating","count":5}""";
        var grammar = new IntentJsonGrammar();

        Assert.True(grammar.TryFeed(json));
        Assert.True(grammar.IsComplete);
    }

    [Theory]
    [InlineData("{\"action\":\"dance\"")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"movie\",\"genres\":[\"Scary\"")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"movie\",\"genres\":[\"Drama\",\"Drama\"")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"movie\",\"genres\":[],\"excludeGenres\":[],\"yearFrom\":1860")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"movie\",\"genres\":[],\"excludeGenres\":[],\"yearFrom\":null,\"yearTo\":null,\"similarTo\":[],\"keywords\":[],\"sort\":\"newest\",\"count\":51")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"movie\",\"genres\":[],\"excludeGenres\":[],\"yearFrom\":null,\"yearTo\":null,\"similarTo\":[],\"keywords\":[],\"sort\":\"newest\",\"count\":0")]
    [InlineData(" {")]
    public void Rejects_text_outside_the_contract(string prefix)
    {
        var grammar = new IntentJsonGrammar();

        Assert.False(grammar.TryFeed(prefix));
    }

    [Theory]
    [InlineData("{\"action\":\"reco")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"movie\",\"genres\":[\"Sci")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"book\",\"genres\":[],\"excludeGenres\":[],\"yearFrom\":19")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"book\",\"genres\":[],\"excludeGenres\":[],\"yearFrom\":null,\"yearTo\":null,\"similarTo\":[{\"title\":\"He")]
    [InlineData("{\"action\":\"recommend\",\"domain\":\"book\",\"genres\":[],\"excludeGenres\":[],\"yearFrom\":null,\"yearTo\":null,\"similarTo\":[],\"keywords\":[\"heist\",\"ti")]
    public void Any_accepted_prefix_completes_to_a_parseable_intent(string prefix)
    {
        var grammar = new IntentJsonGrammar();
        Assert.True(grammar.TryFeed(prefix));

        var json = prefix + grammar.Complete();

        Assert.NotNull(JsonSerializer.Deserialize(json, PipelineJsonContext.Default.RecommendationIntent));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public async Task Constrained_generation_on_a_random_model_always_parses_into_an_intent(bool llama, bool sample)
    {
        var model = llama ? models.Llama : models.Gpt2;
        var seeds = !sample ? 1 : llama ? 8 : 20;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var settings = new GenerationSettings { MaxNewTokens = 120, DoSample = sample, Temperature = 1f, TopK = 0, Seed = seed, ConstrainToIntentJson = true, RepetitionPenalty = 1.0f };

            var json = string.Concat(await GenerationTests.ToListAsync(model.GenerateAsync("Recommend three 90s sci-fi movies like Blade Runner, no horror", settings)));

            var intent = JsonSerializer.Deserialize(json, PipelineJsonContext.Default.RecommendationIntent);
            Assert.NotNull(intent);
            Assert.Contains(intent.Action, IntentActions.All);
            Assert.Contains(intent.Sort, IntentSorts.All);
            Assert.InRange(intent.Count, 1, 50);
            Assert.All(intent.Genres, g => Assert.Contains(g, IntentLexicon.Genres));
        }
    }
}
