using AgentRec.Connectors.Qdrant;
using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Stores;
using AgentRec.Core.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>The item vector service with each provider: in-process keeps the store null, qdrant fills and hands over the collection.</summary>
public sealed class ItemVectorServiceStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-ivs-").FullName;

    public ItemVectorServiceStoreTests()
    {
        var model = HashedNgramModel.CreateRandom(1 << 12, 16, 16, new Random(3));
        new TrainedEncoder(model, new EncoderManifest { Seed = 3, Buckets = 1 << 12, Dims = 16, OutputDims = 16 }).Save(Path.Combine(_folder, "encoder"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task With_the_qdrant_provider_the_ready_index_searches_a_filled_qdrant_collection()
    {
        var store = QdrantGrpcTestServers.Fake(out var server);
        var options = new VectorStoreOptions { Provider = "qdrant" };
        using var service = Service(options, new QdrantItemVectorStore(store, "movies"), out var loaded);

        await service.StartAsync(default);
        await service.ExecuteTask!;

        var collection = Assert.IsType<QdrantVectorCollection>(service.Current?.Store);
        Assert.Equal("movies", collection.Name);
        Assert.Equal(loaded.Catalog.Count, await collection.CountAsync());
        Assert.Contains(server.Calls, c => c.Method == "/qdrant.Qdrant/HealthCheck");
    }

    [Fact]
    public async Task With_the_in_process_provider_no_external_store_is_used()
    {
        using var service = Service(new VectorStoreOptions(), null, out _);

        await service.StartAsync(default);
        await service.ExecuteTask!;

        Assert.NotNull(service.Current);
        Assert.Null(service.Current.Store);
    }

    private ItemVectorService Service(VectorStoreOptions storeOptions, IExternalItemVectorStore? store, out LoadedCatalog loaded)
    {
        var catalogOptions = new CatalogOptions { IncludeBooks = false };
        var full = new CatalogLoader(Options.Create(catalogOptions)).Load();
        loaded = full with { Catalog = new ItemCatalog(full.Catalog.Items.Take(800)) };
        var retrieval = new HybridRetrievalOptions
        {
            EncoderDirectory = Path.Combine(_folder, "encoder"), VectorCacheDirectory = Path.Combine(_folder, "vectors"), TrainWhenMissing = false,
        };
        return new ItemVectorService(loaded, Options.Create(retrieval), Options.Create(catalogOptions), NullLogger<ItemVectorService>.Instance, Options.Create(storeOptions), store);
    }
}
