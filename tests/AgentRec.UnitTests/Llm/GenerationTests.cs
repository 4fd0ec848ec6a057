using System.Diagnostics;
using AgentRec.Core.Llm;

namespace AgentRec.UnitTests.Llm;

[Collection(TestModelsCollection.Name)]
public sealed class GenerationTests(TestModels models)
{
    private static readonly GenerationSettings Greedy = new() { MaxNewTokens = 24, DoSample = false };

    [Fact]
    public void Gpt2_greedy_tokens_with_kv_cache_equal_full_recompute()
    {
        var prompt = models.Gpt2.EncodePrompt("The quick brown fox jumps over");

        var cached = models.Gpt2.GenerateTokens(prompt, Greedy);
        var recomputed = models.Gpt2.GenerateTokens(prompt, Greedy with { UseKvCache = false });

        Assert.Equal(24, cached.Count);
        Assert.Equal(recomputed, cached);
    }

    [Fact]
    public void Llama_fp16_greedy_tokens_with_kv_cache_equal_full_recompute()
    {
        var prompt = models.Llama.EncodePrompt("The quick brown fox jumps over");

        var cached = models.Llama.GenerateTokens(prompt, Greedy);
        var recomputed = models.Llama.GenerateTokens(prompt, Greedy with { UseKvCache = false });

        Assert.NotEmpty(cached);
        Assert.Equal(recomputed, cached);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sampling_with_the_same_seed_gives_the_same_tokens(bool llama)
    {
        var model = llama ? models.Llama : models.Gpt2;
        var prompt = model.EncodePrompt("Recommend a movie");
        var settings = new GenerationSettings { MaxNewTokens = 20, DoSample = true, Temperature = 1f, TopK = 50, TopP = 0.95f, Seed = 7 };

        var first = model.GenerateTokens(prompt, settings);
        var second = model.GenerateTokens(prompt, settings);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Sampling_with_different_seeds_gives_different_tokens()
    {
        var prompt = models.Gpt2.EncodePrompt("Recommend a movie");
        var settings = new GenerationSettings { MaxNewTokens = 20, DoSample = true, Temperature = 1.5f, TopK = 0, TopP = 1f };

        var outputs = Enumerable.Range(1, 4).Select(seed => string.Join(',', models.Gpt2.GenerateTokens(prompt, settings with { Seed = seed }))).ToHashSet();

        Assert.True(outputs.Count > 1);
    }

    [Fact]
    public void Generation_stops_at_the_token_budget()
    {
        var tokens = models.Llama.GenerateTokens(models.Llama.EncodePrompt("Hi"), Greedy with { MaxNewTokens = 5, RepetitionPenalty = 1.3f });

        Assert.True(tokens.Count <= 5);
    }

    [Fact]
    public async Task Stop_sequence_ends_the_text_before_it()
    {
        var full = string.Concat(await ToListAsync(models.Gpt2.GenerateAsync("Tell me a story", Greedy with { MaxNewTokens = 40 })));
        var stop = full.Substring(full.Length / 2, 3);
        var expected = full[..full.IndexOf(stop, StringComparison.Ordinal)];

        var cut = string.Concat(await ToListAsync(models.Gpt2.GenerateAsync("Tell me a story", Greedy with { MaxNewTokens = 40, StopSequences = [stop] })));

        Assert.Equal(expected, cut);
    }

    [Fact]
    public async Task Cancellation_stops_generation_within_one_step()
    {
        using var cts = new CancellationTokenSource();
        var received = 0;
        var afterCancel = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in models.Llama.GenerateAsync("Once upon a time", Greedy with { MaxNewTokens = 200 }, cts.Token))
            {
                received++;
                if (cts.IsCancellationRequested)
                {
                    afterCancel++;
                }

                if (received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(3, received);
        Assert.Equal(0, afterCancel);
    }

    internal static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> source)
    {
        var list = new List<string>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
