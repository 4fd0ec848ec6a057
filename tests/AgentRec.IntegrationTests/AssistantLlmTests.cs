using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;
using AgentRec.Core.Llm;
using AgentRec.IntegrationTests.Fakes;
using AgentRec.Plugins;
using AgentRec.Plugins.Agent;
using Microsoft.SemanticKernel;

namespace AgentRec.IntegrationTests;

/// <summary>The assistant's two paths over the real app's kernel functions: the deterministic router and the LLM choosing calls (tiny random-weight model: plumbing, not quality).</summary>
[Collection(ServiceCollection.Name)]
public sealed class AssistantLlmTests(AgentRecAppFactory app)
{
    private static readonly string LlamaFolder = DataPaths.FindShared("models/test/tiny-random-llama-fp16")
        ?? throw new InvalidOperationException("shared/models/test/tiny-random-llama-fp16 not found beside the repository.");

    [Fact]
    public async Task Router_path_logs_each_call()
    {
        var logger = new FakeLogger<AgentRecAssistant>();
        var assistant = new AgentRecAssistant(new Kernel(app.Services).AddAgentRecPlugins(app.Services), app.Services.GetRequiredService<IIntentParser>(), logger);

        var turn = await assistant.RunTurnAsync("movies like Heat", null, CancellationToken.None);

        Assert.Equal(AgentRecAssistant.RouterPath, turn.ChosenBy);
        var call = Assert.Single(turn.Calls);
        Assert.Contains(logger.Messages, m => m.StartsWith("Assistant (router) called " + call.Function, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("three comedies from the 90s")]
    public async Task Llm_path_makes_valid_calls_to_existing_functions_and_logs_them(string message)
    {
        using var model = OnnxGenAIModel.Load(LlamaFolder);
        using var client = new OnnxGenAIChatClient(model);
        var kernel = new Kernel(app.Services).AddAgentRecPlugins(app.Services);
        var logger = new FakeLogger<AgentRecAssistant>();
        var assistant = new AgentRecAssistant(kernel, app.Services.GetRequiredService<IIntentParser>(), logger, client);

        var turn = await assistant.RunTurnAsync(message, "assistant-llm-user", CancellationToken.None);

        Assert.Equal(AgentRecAssistant.LlmPath, turn.ChosenBy);
        Assert.NotEmpty(turn.Calls);
        var functions = kernel.Plugins.SelectMany(p => p).ToDictionary(f => f.Name);
        foreach (var call in turn.Calls)
        {
            var function = Assert.Contains(call.Function, functions);
            var schema = ((Microsoft.Extensions.AI.AIFunction)function).JsonSchema;
            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
            Assert.All(required, name => Assert.True(call.Arguments.ContainsKey(name), $"{call.Function} lacks {name}"));
            Assert.All(call.Arguments.Keys, name => Assert.True(schema.GetProperty("properties").TryGetProperty(name, out _), $"{call.Function} has no parameter {name}"));
            if (call.Arguments.ContainsKey("user_id"))
            {
                Assert.Equal("assistant-llm-user", call.Arguments["user_id"]);
            }

            Assert.Contains(logger.Messages, m => m.StartsWith("Assistant (llm) called " + call.Function, StringComparison.Ordinal));
            using var result = JsonDocument.Parse(call.Result);
        }

        Assert.NotNull(turn.Reply);
    }
}
