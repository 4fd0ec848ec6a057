using AgentRec.Core.Hosting;
using AgentRec.Connectors.Qdrant;
using AgentRec.Core.Retrieval.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Retrieval.Stores;

public sealed class VectorStoreOptionsTests
{
    /// <summary>
    /// A host with the vector store registrations only: what AddAgentRecCore adds for the hybrid retriever and, unless
    /// <paramref name="withConnector"/> is false, the Qdrant connector the service hosts add.
    /// </summary>
    private static IHost Build(Dictionary<string, string?> settings, bool withConnector = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLogging();
        builder.AddItemVectorStore();
        if (withConnector)
        {
            builder.AddQdrantItemVectorStore();
        }

        return builder.Build();
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://qdrant:6333")]
    public async Task A_bad_qdrant_url_stops_start_up_naming_the_key(string url)
    {
        using var host = Build(new() { ["Pipeline:Retriever"] = "hybrid", ["VectorStore:Provider"] = "qdrant", ["VectorStore:Qdrant:Url"] = url });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("VectorStore:Qdrant:Url", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_qdrant_provider_without_the_qdrant_connector_stops_start_up_naming_the_key()
    {
        using var host = Build(new() { ["Pipeline:Retriever"] = "hybrid", ["VectorStore:Provider"] = "qdrant" }, withConnector: false);

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("VectorStore:Provider is 'qdrant'", e.Message, StringComparison.Ordinal);
        Assert.Contains("AddQdrantItemVectorStore", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_stops_start_up_naming_the_key()
    {
        using var host = Build(new() { ["Pipeline:Retriever"] = "hybrid", ["VectorStore:Provider"] = "pinecone" });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("VectorStore:Provider", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VectorStore:Ann:TargetRecall", "1.5")]
    [InlineData("VectorStore:Ann:Threshold", "0")]
    [InlineData("VectorStore:Ann:Hnsw:M", "1")]
    public async Task An_out_of_range_graph_setting_stops_start_up_naming_it(string key, string value)
    {
        using var host = Build(new() { ["Pipeline:Retriever"] = "hybrid", [key] = value });

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("VectorStore:Ann:", e.Message, StringComparison.Ordinal);
        Assert.Contains(key.Split(':')[^1], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_settings_bind_from_configuration()
    {
        using var host = Build(new() { ["Pipeline:Retriever"] = "hybrid", ["VectorStore:Ann:Threshold"] = "50000", ["VectorStore:Ann:TargetRecall"] = "0.9", ["VectorStore:Ann:Hnsw:M"] = "32" });

        var ann = host.Services.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Ann;

        Assert.Equal(50_000, ann.Threshold);
        Assert.Equal(0.9, ann.TargetRecall);
        Assert.Equal(32, ann.Hnsw.M);
    }

    [Fact]
    public void The_qdrant_provider_registers_a_qdrant_store_for_the_item_vectors()
    {
        using var host = Build(new() { ["Pipeline:Retriever"] = "hybrid", ["VectorStore:Provider"] = "qdrant", ["VectorStore:Qdrant:Url"] = "http://qdrant:6333", ["VectorStore:Qdrant:Collection"] = "movies" });

        var store = host.Services.GetService<QdrantVectorStore>();
        var items = host.Services.GetService<IExternalItemVectorStore>();

        Assert.NotNull(store);
        Assert.Equal(new Uri("http://qdrant:6334/"), store.Address);
        Assert.Equal("qdrant at http://qdrant:6334/ (gRPC), collection movies", items?.Description);
    }

    [Fact]
    public void The_in_process_provider_registers_no_qdrant_store()
    {
        using var host = Build(new() { ["Pipeline:Retriever"] = "hybrid", ["VectorStore:Qdrant:Url"] = "not a url" });

        Assert.Null(host.Services.GetService<QdrantVectorStore>());
        Assert.Null(host.Services.GetService<IExternalItemVectorStore>());
    }

    [Fact]
    public void The_hybrid_retriever_with_the_qdrant_provider_gets_the_qdrant_item_store_beside_the_core_registration()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Retriever"] = "hybrid", ["VectorStore:Provider"] = "qdrant" });
        builder.AddAgentRecCore();
        builder.AddQdrantItemVectorStore();
        using var host = builder.Build();

        Assert.IsType<QdrantItemVectorStore>(host.Services.GetService<IExternalItemVectorStore>());
    }
}
