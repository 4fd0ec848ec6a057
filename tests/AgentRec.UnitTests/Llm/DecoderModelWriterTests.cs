using AgentRec.Core.Llm;
using Microsoft.Extensions.AI;

namespace AgentRec.UnitTests.Llm;

public sealed class DecoderModelWriterTests
{
    private static readonly DecoderShape Small = new(Layers: 2, Hidden: 32, Heads: 4, FeedForward: 64, Context: 256, Vocabulary: 32000);

    [Fact]
    public void Generated_decoder_decodes_the_same_tokens_with_and_without_its_key_value_cache()
    {
        using var folder = new TempFolder();
        DecoderModelWriter.Write(folder.Path, TestModels.PathOf(TestModels.LlamaFolder), Small, seed: 5);
        using var model = OnnxGenAIModel.Load(folder.Path);
        var prompt = model.EncodePrompt("Recommend three science fiction movies from the 1990s");
        var greedy = new GenerationSettings { MaxNewTokens = 12, DoSample = false };

        var cached = model.GenerateTokens(prompt, greedy);
        var recomputed = model.GenerateTokens(prompt, greedy with { UseKvCache = false });

        Assert.Equal(12, cached.Count);
        Assert.Equal(recomputed, cached);
    }

    [Fact]
    public async Task Both_engines_give_the_same_greedy_text_on_a_generated_decoder()
    {
        using var folder = new TempFolder();
        DecoderModelWriter.Write(folder.Path, TestModels.PathOf(TestModels.LlamaFolder), Small, seed: 9);
        using var native = OnnxGenAIModel.Load(folder.Path);
        using var genai = GenAIEngineModel.Load(folder.Path);
        var options = new ChatOptions { MaxOutputTokens = 16, Temperature = 0f };

        var a = await new OnnxGenAIChatClient(native).GetResponseAsync("Something like Heat?", options);
        var b = await new GenAIEngineChatClient(genai).GetResponseAsync("Something like Heat?", options);

        Assert.Equal(a.Text, b.Text);
        Assert.Equal(16, b.Usage?.OutputTokenCount);
    }

    [Fact]
    public void Parameter_count_of_the_bench_model_is_about_36_million()
    {
        Assert.InRange(DecoderShape.Medium.Parameters, 35_000_000, 37_000_000);
    }
}
