using AgentRec.Core.Contracts;
using AgentRec.Core.Explanation;
using AgentRec.Core.Intent;
using AgentRec.Core.Pipeline;
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
        _host = await LexicalPipelineHost.StartAsync(
            _folder, configure: b => b.Services.Replace(ServiceDescriptor.Singleton<ICandidateRetriever, FakeUnreachableRetriever>()));
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
