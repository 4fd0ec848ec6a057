using AgentRec.Core.Contracts;
using AgentRec.Core.Explanation;
using AgentRec.Core.Hosting;
using AgentRec.Core.Intent;
using AgentRec.Core.Pipeline;
using AgentRec.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>The pipeline reaches its stages, their fallbacks and the stores only through the contracts.</summary>
public sealed class StageWiringTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentrec-wiring-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Retriever"] = "lexical",
            ["State:DatabasePath"] = Path.Combine(_folder, "state.db"),
            ["State:ImportRatingsOnStart"] = "false",
            [RankingHostingExtensions.TrainedPathKey] = Path.Combine(_folder, "reranker"),
            [RankingHostingExtensions.TrainWhenMissingKey] = "false",
            ["Personalization:FusionPath"] = Path.Combine(_folder, "fusion.json"),
        });
        builder.AddAgentRecCore();
        builder.Services.Replace(ServiceDescriptor.Singleton<ICandidateRetriever, FakeUnreachableRetriever>());
        _host = builder.Build();
        await _host.Services.GetRequiredService<IStateStore>().InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Fallback_stages_are_registered_by_key_and_are_the_chosen_ones_when_rules_and_templates_are_configured()
    {
        var services = _host!.Services;

        var parser = services.GetRequiredKeyedService<IIntentParser>(StageKeys.Fallback);
        var explainer = services.GetRequiredKeyedService<IExplainer>(StageKeys.Fallback);

        Assert.IsType<RuleIntentParser>(parser);
        Assert.IsType<TemplateExplainer>(explainer);
        Assert.Same(parser, services.GetRequiredService<IIntentParser>());
        Assert.Same(explainer, services.GetRequiredService<IExplainer>());
    }

    [Fact]
    public async Task An_unavailable_store_ends_the_answer_with_index_unavailable()
    {
        var pipeline = _host!.Services.GetRequiredService<RecommendationPipeline>();

        var (response, error) = await pipeline.CollectAsync(new RecommendRequest { Message = "sci-fi movies" }, CancellationToken.None);

        Assert.Null(response);
        Assert.Equal(ErrorCodes.IndexUnavailable, error!.Code);
    }

    private sealed class FakeUnreachableRetriever : ICandidateRetriever
    {
        public ValueTask<IReadOnlyList<ScoredCandidate>> RetrieveAsync(RetrievalQuery query, CancellationToken cancellationToken) =>
            throw new StoreUnavailableException("The vector store did not answer after 3 attempts.") { Store = "fake" };
    }
}
