using System.Numerics.Tensors;
using AgentRec.Core.Llm;

namespace AgentRec.UnitTests.Llm;

[Collection(TestModelsCollection.Name)]
public sealed class ConstrainedChoiceTests(TestModels models)
{
    private const string Example = """{"action":"similar","domain":"movie","genres":["Sci-Fi","Action"],"excludeGenres":["Horror"],"yearFrom":1990,"yearTo":null,"similarTo":[{"title":"Blade Runner","itemId":null}],"keywords":["time travel"],"sort":"rating","count":5}""";

    /// <summary>The grammar's state after every prefix of the example (each a state a generation can be in).</summary>
    private static IEnumerable<IntentJsonGrammar> States()
    {
        var grammar = new IntentJsonGrammar();
        yield return grammar;
        foreach (var c in Example[..^1])
        {
            Assert.True(grammar.Feed(c));
            yield return grammar;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Greedy_choice_is_the_arg_max_of_the_fully_masked_logits(bool llama)
    {
        var model = llama ? models.Llama : models.Gpt2;
        var texts = model.Tokenizer.TokenTexts();
        var width = Math.Max(model.Tokenizer.VocabSize, texts.Count);
        var cache = new AllowedTokenCache<IntentJsonGrammar>(model.Trie);
        var sampler = new LogitsSampler(width, doSample: false, temperature: 1, topK: 0, topP: 1, seed: 0);
        var random = new Random(11);
        var compact = new float[width];
        var scratch = new float[width];
        var allowed = new List<int>();
        var quick = 0;
        foreach (var state in States())
        {
            var logits = new float[model.Tokenizer.VocabSize];
            for (var i = 0; i < logits.Length; i++)
            {
                logits[i] = MathF.Round((float)random.NextDouble() * 6, 1);
            }

            if (random.Next(2) == 0)
            {
                // Half the states: the model's favourite is a token the grammar accepts (the quick path).
                var ok = cache.Allowed(state);
                logits[ok[random.Next(ok.Length)]] = 100;
            }

            var choice = ConstrainedChoice.Choose(logits, state, cache, sampler, texts, compact);
            var masked = logits.ToArray();
            Assert.True(model.Trie.MaskLogits(state, masked, allowed, scratch));

            Assert.Equal(TensorPrimitives.IndexOfMax<float>(masked), choice);
            quick += logits[choice] == 100 ? 1 : 0;
        }

        Assert.True(quick > 0);
    }

    [Fact]
    public void Sampled_choices_are_always_tokens_the_grammar_accepts()
    {
        var model = models.Llama;
        var texts = model.Tokenizer.TokenTexts();
        var width = Math.Max(model.Tokenizer.VocabSize, texts.Count);
        var cache = new AllowedTokenCache<IntentJsonGrammar>(model.Trie);
        var sampler = new LogitsSampler(width, doSample: true, temperature: 1, topK: 0, topP: 0.9f, seed: 3);
        var random = new Random(5);
        var compact = new float[width];
        foreach (var state in States().Where((_, i) => i % 7 == 0))
        {
            var logits = new float[model.Tokenizer.VocabSize];
            for (var i = 0; i < logits.Length; i++)
            {
                logits[i] = (float)random.NextDouble() * 4;
            }

            var choice = ConstrainedChoice.Choose(logits, state, cache, sampler, texts, compact);

            var probe = state;
            Assert.True(probe.TryFeed(texts[choice]), $"'{texts[choice]}' is not allowed here");
        }
    }

    [Fact]
    public void Allowed_sets_are_the_trie_walk_sorted_and_reused_for_an_equal_state()
    {
        var cache = new AllowedTokenCache<IntentJsonGrammar>(models.Gpt2.Trie);
        var state = new IntentJsonGrammar();
        Assert.True(state.TryFeed("{\"action\":\"recommend\",\"domain\":\""));
        var walked = new List<int>();
        models.Gpt2.Trie.CollectAllowed(state, walked);

        var first = cache.Allowed(state);
        var again = new IntentJsonGrammar();
        Assert.True(again.TryFeed("{\"action\":\"recom"));
        Assert.True(again.TryFeed("mend\",\"domain\":\""));

        Assert.Equal(walked.Order(), first);
        Assert.Equal(state, again);
        Assert.Same(first, cache.Allowed(again));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void The_cache_starts_over_when_it_would_hold_more_ids_than_its_bound()
    {
        var bounded = new AllowedTokenCache<IntentJsonGrammar>(models.Gpt2.Trie, maxIds: 1);
        var unbounded = new AllowedTokenCache<IntentJsonGrammar>(models.Gpt2.Trie);
        var grammar = new IntentJsonGrammar();
        foreach (var c in "{\"action\":\"recommend\",\"domain\":\"movie\",\"genres\":[\"")
        {
            Assert.Equal(unbounded.Allowed(grammar), bounded.Allowed(grammar));
            Assert.True(grammar.Feed(c));
        }

        Assert.True(unbounded.Count > 10);
        Assert.True(bounded.Count <= 1, $"{bounded.Count} states held under a bound of one id");
    }
}
