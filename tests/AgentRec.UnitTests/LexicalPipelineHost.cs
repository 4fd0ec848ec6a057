using AgentRec.Core.Hosting;
using AgentRec.Core.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentRec.UnitTests;

/// <summary>
/// The real pipeline over the real catalog with lexical retrieval, its state, reranker and fusion files in a folder of
/// its own that goes with it: the host the pipeline-level tests answer requests with.
/// </summary>
internal static class LexicalPipelineHost
{
    /// <summary>Builds and starts the host; <paramref name="folder"/> must exist and is the caller's to delete.</summary>
    public static async Task<IHost> StartAsync(
        string folder, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Retriever"] = "lexical",
            ["State:DatabasePath"] = Path.Combine(folder, "state.db"),
            ["State:ImportRatingsOnStart"] = "false",
            [RankingHostingExtensions.TrainedPathKey] = Path.Combine(folder, "reranker"),
            [RankingHostingExtensions.TrainWhenMissingKey] = "false",
            ["Personalization:FusionPath"] = Path.Combine(folder, "fusion.json"),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddAgentRecCore();
        configure?.Invoke(builder);
        var host = builder.Build();
        await host.Services.GetRequiredService<IStateStore>().InitializeAsync(CancellationToken.None);
        return host;
    }
}

/// <summary>
/// A test class answering requests with the default <see cref="LexicalPipelineHost"/>: the host starts before its tests
/// in a folder of its own, and goes with the folder after them.
/// </summary>
public abstract class LexicalPipelineTest : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentrec-pipeline-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;

    /// <summary>The started host's services.</summary>
    protected IServiceProvider Services => (_host ?? throw new InvalidOperationException("The host starts in InitializeAsync.")).Services;

    /// <summary>The pipeline under test.</summary>
    protected AgentRec.Core.Pipeline.RecommendationPipeline Pipeline => Services.GetRequiredService<AgentRec.Core.Pipeline.RecommendationPipeline>();

    /// <summary>Sends the turns in order in one conversation; the answer to the last one.</summary>
    protected async Task<AgentRec.Core.Contracts.RecommendationResponse> ConverseAsync(params string[] turns)
    {
        AgentRec.Core.Contracts.RecommendationResponse? response = null;
        foreach (var turn in turns)
        {
            var (next, error) = await Pipeline.CollectAsync(
                new AgentRec.Core.Contracts.RecommendRequest { Message = turn, ConversationId = response?.ConversationId }, CancellationToken.None);
            Assert.Null(error);
            response = next;
        }

        return response!;
    }

    /// <summary>The catalog item a returned item is.</summary>
    protected AgentRec.Core.Contracts.CatalogItem ItemOf(AgentRec.Core.Contracts.RecommendedItem item)
    {
        var catalog = Services.GetRequiredService<AgentRec.Core.Catalog.ItemCatalog>();
        return catalog.Items[catalog.IndexOf(item.ItemId)];
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _host = await LexicalPipelineHost.StartAsync(_folder);
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _host?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
