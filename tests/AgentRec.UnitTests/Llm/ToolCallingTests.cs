using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentRec.Core.Llm;
using AgentRec.Plugins;
using FsCheck.Xunit;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace AgentRec.UnitTests.Llm;

[Collection(TestModelsCollection.Name)]
public sealed class ToolCallingTests(TestModels models)
{
    // The AgentRec kernel functions' declarations (name, description, schema); reading them needs no services.
    private static readonly AIFunction[] AgentRecTools =
    [
        .. KernelPluginFactory.CreateFromObject(RuntimeHelpers.GetUninitializedObject(typeof(RecommendationPlugin)), "agentrec").AsAIFunctions(),
        .. KernelPluginFactory.CreateFromObject(RuntimeHelpers.GetUninitializedObject(typeof(CatalogPlugin)), "catalog").AsAIFunctions(),
    ];

    [Property(MaxTest = 4)]
    public void Any_seed_gives_a_call_to_an_existing_tool_with_schema_valid_arguments(int seed)
    {
        using var client = new OnnxGenAIChatClient(models.Llama);
        var options = new ChatOptions { Tools = [.. AgentRecTools], Temperature = 1f, Seed = seed, MaxOutputTokens = 40 };

        var response = client.GetResponseAsync("Recommend two heist movies", options).GetAwaiter().GetResult();

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        var tool = Assert.Single(AgentRecTools, t => t.Name == call.Name);
        var arguments = JsonSerializer.SerializeToElement(call.Arguments);
        SchemaAssert.Valid(tool.JsonSchema, arguments);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task A_function_result_is_answered_with_text()
    {
        using var client = new OnnxGenAIChatClient(models.Llama);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Explain item 1"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "explain", new Dictionary<string, object?> { ["item_id"] = "1" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "Toy Story (1995): Animation, Comedy")]),
        ];

        var response = await client.GetResponseAsync(messages, new ChatOptions { Tools = [.. AgentRecTools], Temperature = 0f, MaxOutputTokens = 8 });

        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.False(string.IsNullOrEmpty(response.Text));
    }

    [Fact]
    public async Task Function_invoking_client_over_a_kernel_completes_a_round_trip()
    {
        var plugin = new FakeCatalogTools();
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(plugin, "catalog");
        using var client = new ChatClientBuilder(new OnnxGenAIChatClient(models.Llama)).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [.. kernel.Plugins.SelectMany(p => p.AsAIFunctions(kernel))], Temperature = 0f, MaxOutputTokens = 24 };

        var response = await client.GetResponseAsync("How many sci-fi movies are there?", options);

        Assert.Equal(1, plugin.Calls);
        var contents = response.Messages.SelectMany(m => m.Contents).ToArray();
        Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Single(contents.OfType<FunctionResultContent>());
        Assert.False(string.IsNullOrEmpty(response.Messages[^1].Text));
        Assert.Equal(ChatRole.Assistant, response.Messages[^1].Role);
    }

    /// <summary>A one-function plugin standing in for the catalog, so the round trip counts its invocations.</summary>
    private sealed class FakeCatalogTools
    {
        public int Calls { get; private set; }

        [KernelFunction("count_items"), Description("Counts the catalog's items in one genre.")]
        public int CountItems([Description("The genre.")] string genre, [Description("Only items from this year on.")] int? year_from = null)
        {
            Calls++;
            return genre.Length + (year_from ?? 0);
        }
    }
}
