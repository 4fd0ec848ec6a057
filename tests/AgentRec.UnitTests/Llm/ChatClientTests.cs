using AgentRec.Core.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace AgentRec.UnitTests.Llm;

[Collection(TestModelsCollection.Name)]
public sealed class ChatClientTests(TestModels models)
{
    private static readonly ChatOptions Options = new() { MaxOutputTokens = 30, Temperature = 0.8f, TopK = 40, Seed = 11 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Streaming_yields_the_same_text_as_non_streaming(bool llama)
    {
        using var client = new OnnxGenAIChatClient(llama ? models.Llama : models.Gpt2);
        ChatMessage[] messages = [new(ChatRole.System, "You recommend movies."), new(ChatRole.User, "Something like Heat?")];

        var response = await client.GetResponseAsync(messages, Options);
        var streamed = "";
        await foreach (var update in client.GetStreamingResponseAsync(messages, Options))
        {
            streamed += update.Text;
        }

        Assert.Equal(response.Text, streamed);
        Assert.NotEmpty(response.Text);
    }

    [Fact]
    public async Task Json_response_format_gives_an_intent_json_object()
    {
        using var client = new OnnxGenAIChatClient(models.Gpt2);

        var response = await client.GetResponseAsync("Two comedies", new ChatOptions { ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 64, Temperature = 1f, Seed = 3 });

        Assert.StartsWith("{\"action\":", response.Text, StringComparison.Ordinal);
        Assert.EndsWith("}", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_output_tokens_reports_length_as_the_finish_reason()
    {
        using var client = new OnnxGenAIChatClient(models.Llama);

        var response = await client.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 4, Temperature = 0f });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Semantic_kernel_invokes_prompts_through_the_chat_client()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddChatClient(new OnnxGenAIChatClient(models.Gpt2));
        var kernel = builder.Build();
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 8, ["temperature"] = 0 } };

        var result = await kernel.InvokePromptAsync("Recommend a movie", new KernelArguments(settings));

        Assert.False(string.IsNullOrEmpty(result.GetValue<string>()));
    }
}
