using System.Text.Json;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace AgentRec.UnitTests.Llm;

/// <summary>
/// The IChatClient contract both engines serve, run on both tiny test models: the same tests over the project's own
/// decode loop (<see cref="NativeEngineChatClientTests"/>) and over ONNX Runtime GenAI (<see cref="GenAIEngineChatClientTests"/>).
/// </summary>
public abstract class ChatClientContractTests
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.System, "You recommend movies."), new(ChatRole.User, "Something like Heat?")];

    /// <summary>A client over the llama (true) or gpt2 (false) test model.</summary>
    protected abstract IChatClient Client(bool llama);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Streaming_yields_the_same_text_as_non_streaming(bool llama)
    {
        var client = Client(llama);
        var options = new ChatOptions { MaxOutputTokens = 30, Temperature = 0.8f, TopK = 40, Seed = 11 };

        var response = await client.GetResponseAsync(Messages, options);
        var streamed = "";
        await foreach (var update in client.GetStreamingResponseAsync(Messages, options))
        {
            streamed += update.Text;
        }

        Assert.Equal(response.Text, streamed);
        Assert.NotEmpty(response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_same_seed_repeats_an_answer_and_another_seed_changes_it(bool llama)
    {
        var client = Client(llama);
        ChatOptions Sampled(long seed) => new() { MaxOutputTokens = 24, Temperature = 1f, TopP = 0.95f, Seed = seed };

        var first = await client.GetResponseAsync(Messages, Sampled(1));
        var again = await client.GetResponseAsync(Messages, Sampled(1));
        var other = await client.GetResponseAsync(Messages, Sampled(2));

        Assert.Equal(first.Text, again.Text);
        Assert.NotEqual(first.Text, other.Text);
    }

    [Fact]
    public async Task Temperature_zero_is_greedy_whatever_the_seed()
    {
        var client = Client(llama: true);

        var a = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 20, Temperature = 0f, Seed = 1 });
        var b = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 20, Temperature = 0f, Seed = 99 });

        Assert.Equal(a.Text, b.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Max_output_tokens_reports_length_as_the_finish_reason(bool llama)
    {
        var response = await Client(llama).GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 4, Temperature = 0f });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.True(response.Usage?.InputTokenCount > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stop_sequence_ends_the_answer_just_before_it(bool llama)
    {
        var client = Client(llama);
        var greedy = new ChatOptions { MaxOutputTokens = 40, Temperature = 0f };
        var full = (await client.GetResponseAsync(Messages, greedy)).Text;
        var stop = full.Substring(full.Length / 2, 3);
        var at = full.IndexOf(stop, StringComparison.Ordinal);

        var response = await client.GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 40, Temperature = 0f, StopSequences = [stop] });

        Assert.Equal(full[..at], response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Cancelling_mid_stream_ends_it_with_operation_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var updates = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Client(llama: true).GetStreamingResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 200, Temperature = 0f }, cts.Token))
            {
                updates++;
                await cts.CancelAsync();
            }
        });
        Assert.Equal(1, updates);
    }

    [Fact]
    public async Task An_already_cancelled_request_generates_nothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(llama: false).GetResponseAsync(Messages, new ChatOptions { MaxOutputTokens = 8 }, cts.Token));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Json_response_format_gives_exactly_one_intent_that_meets_the_contract(int seed)
    {
        var response = await Client(llama: true).GetResponseAsync("Two comedies from the 90s",
            new ChatOptions { ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 400, Temperature = 1f, Seed = seed });

        using var document = JsonDocument.Parse(response.Text);
        var intent = JsonSerializer.Deserialize(response.Text, AgentRec.Core.Contracts.PipelineJsonContext.Default.RecommendationIntent)!;
        Assert.Contains(intent.Action, IntentActions.All);
        Assert.Contains(intent.Domain, IntentDomains.All);
        Assert.Contains(intent.Sort, IntentSorts.All);
        Assert.All(intent.Genres.Concat(intent.ExcludeGenres), g => Assert.Contains(g, IntentLexicon.Genres));
        Assert.InRange(intent.Count, 1, RecommendationIntent.MaxCount);
    }

    [Fact]
    public async Task A_callers_json_schema_constrains_the_answer()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"count":{"type":"integer","minimum":1,"maximum":9}},"required":["count"],"additionalProperties":false}""").RootElement;

        var response = await Client(llama: true).GetResponseAsync("How many?", new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer"),
            MaxOutputTokens = 32,
            Temperature = 1f,
            Seed = 5,
        });

        using var document = JsonDocument.Parse(response.Text);
        Assert.InRange(document.RootElement.GetProperty("count").GetInt32(), 1, 9);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"n":{"type":"integer","minimum":5,"maximum":1}},"required":["n"]}""")]
    [InlineData("""{"type":"object","properties":{"tag":{"enum":[]}},"required":["tag"]}""")]
    public async Task A_schema_no_output_can_satisfy_is_a_constraint_error(string schema)
    {
        var format = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(schema).RootElement, "impossible");

        var error = await Assert.ThrowsAsync<LlmConstraintException>(() =>
            Client(llama: true).GetResponseAsync("Hi", new ChatOptions { ResponseFormat = format, MaxOutputTokens = 16 }));

        Assert.Contains("\"type\":\"object\"", error.Constraint.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Semantic_kernel_invokes_prompts_through_the_chat_client()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddChatClient(Client(llama: false));
        var kernel = builder.Build();
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 8, ["temperature"] = 0 } };

        var result = await kernel.InvokePromptAsync("Recommend a movie", new KernelArguments(settings));

        Assert.False(string.IsNullOrEmpty(result.GetValue<string>()));
    }
}

[Collection(TestModelsCollection.Name)]
public sealed class NativeEngineChatClientTests(TestModels models) : ChatClientContractTests
{
    protected override IChatClient Client(bool llama) => new OnnxGenAIChatClient(llama ? models.Llama : models.Gpt2);

    [Fact]
    public async Task Json_response_format_on_gpt2_gives_an_intent_json_object()
    {
        var response = await Client(llama: false).GetResponseAsync("Two comedies", new ChatOptions { ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 64, Temperature = 1f, Seed = 3 });

        Assert.StartsWith("{\"action\":", response.Text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(response.Text);
    }

    [Fact]
    public async Task A_lark_grammar_needs_the_genai_engine()
    {
        var options = new ChatOptions { AdditionalProperties = new() { [GenAIEngineChatClient.LarkGrammarKey] = "start: \"yes\" | \"no\"" } };

        await Assert.ThrowsAsync<LlmConstraintException>(() => Client(llama: true).GetResponseAsync("Hi", options));
    }
}

[Collection(TestModelsCollection.Name)]
public sealed class GenAIEngineChatClientTests(TestModels models) : ChatClientContractTests
{
    protected override IChatClient Client(bool llama) => new GenAIEngineChatClient(llama ? models.GenAILlama : models.GenAIGpt2);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_lark_grammar_constrains_the_answer(int seed)
    {
        var options = new ChatOptions
        {
            Temperature = 1f,
            Seed = seed,
            MaxOutputTokens = 8,
            AdditionalProperties = new() { [GenAIEngineChatClient.LarkGrammarKey] = "start: \"yes\" | \"no\" | \"maybe\"" },
        };

        var response = await Client(llama: true).GetResponseAsync("Hi", options);

        Assert.Contains(response.Text, (string[])["yes", "no", "maybe"]);
    }

    [Fact]
    public async Task Guidance_over_a_tokenizer_wider_than_the_model_is_a_constraint_error()
    {
        var error = await Assert.ThrowsAsync<LlmConstraintException>(() =>
            Client(llama: false).GetResponseAsync("Two comedies", new ChatOptions { ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 64 }));

        Assert.Contains("vocabulary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gpt2_prompts_stay_inside_the_models_vocabulary()
    {
        var ids = models.GenAIGpt2.EncodePrompt("Recommend three science fiction movies from the 1990s");

        Assert.True(models.GenAIGpt2.PromptTokenizerLimited);
        Assert.All(ids, id => Assert.InRange(id, 0, models.GenAIGpt2.Config.VocabSize - 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Both_engines_encode_a_prompt_to_the_same_ids(bool llama)
    {
        const string text = "Recommend three sci-fi movies from the 1990s, like Heat (1995)!";

        var native = (llama ? models.Llama : models.Gpt2).EncodePrompt(text);
        var genai = (llama ? models.GenAILlama : models.GenAIGpt2).EncodePrompt(text);

        Assert.Equal(native, genai);
    }

    [Fact]
    public async Task Tools_are_called_by_name_with_arguments_their_schema_allows()
    {
        var tool = AIFunctionFactory.Create((string genre, int count) => $"{count} {genre}", "recommend", "Recommends items of a genre.");

        var response = await Client(llama: true).GetResponseAsync("Three comedies", new ChatOptions { Tools = [tool], MaxOutputTokens = 200, Temperature = 1f, Seed = 2 });

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionCallContent>());
        Assert.Equal("recommend", call.Name);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(JsonValueKind.Number, ((JsonElement)call.Arguments!["count"]!).ValueKind);
    }
}
