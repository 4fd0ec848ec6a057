using AgentRec.Connectors.Qdrant;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>The item vectors synced into Qdrant (the fake gRPC server) and the hybrid retriever searching there.</summary>
public sealed class QdrantHybridRetrievalTests(QdrantHybridRetrievalTests.SmallCatalog fixture) : IClassFixture<QdrantHybridRetrievalTests.SmallCatalog>
{
    /// <summary>The first 1,500 MovieLens items, their vectors from a small random encoder, and the in-process hybrid retriever over them.</summary>
    public sealed class SmallCatalog : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-qdrant-").FullName;

        public SmallCatalog()
        {
            var full = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = false })).Load().Catalog;
            Catalog = new ItemCatalog(full.Items.Take(1500));
            var model = HashedNgramModel.CreateRandom(1 << 12, 32, 32, new Random(5));
            new TrainedEncoder(model, new EncoderManifest { Seed = 5, Buckets = 1 << 12, Dims = 32, OutputDims = 32 }).Save(Path.Combine(_folder, "encoder"));
            Encoder = HashedNgramEncoder.Load(Path.Combine(_folder, "encoder"), intraOpThreads: 1);
            Index = ItemVectorIndex.LoadOrBuildAsync(Catalog, Encoder, "small", "m1", null).GetAwaiter().GetResult();
            var ready = new ItemVectorService.ReadyIndex(Encoder, Index);
            Retriever = Retrieve(() => ready);
        }

        public ItemCatalog Catalog { get; }

        public HashedNgramEncoder Encoder { get; }

        public ItemVectorIndex Index { get; }

        public HybridCandidateRetriever Retriever { get; }

        public HybridCandidateRetriever Retrieve(Func<ItemVectorService.ReadyIndex?> ready)
        {
            var bm25 = new Bm25Index(Catalog);
            var priors = new ItemPriors(Catalog);
            return new HybridCandidateRetriever(Catalog, bm25, priors, new LexicalCandidateRetriever(Catalog, bm25, priors), ready, Options.Create(new HybridRetrievalOptions()));
        }

        public void Dispose()
        {
            Encoder.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Sync_upserts_a_missing_collection_skips_an_up_to_date_one_and_refills_one_whose_count_differs()
    {
        var sync = new QdrantItemVectorStore(QdrantGrpcTestServers.Fake(out var server), "items");
        int Upserts() => server.Calls.Count(c => c.Method == "/qdrant.Points/Upsert");

        var first = Assert.IsType<QdrantVectorCollection>(await sync.SyncAsync(fixture.Catalog, fixture.Index, default));
        var afterFirst = Upserts();
        await sync.SyncAsync(fixture.Catalog, fixture.Index, default);
        var afterSecond = Upserts();
        await first.DeleteAsync(fixture.Catalog.Items[7].Id);
        await sync.SyncAsync(fixture.Catalog, fixture.Index, default);

        Assert.Equal(fixture.Catalog.Count, await first.CountAsync());
        Assert.Equal((fixture.Catalog.Count + 255) / 256, afterFirst);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Equal(2 * afterFirst, Upserts());
    }

    [Fact]
    public async Task Sync_reports_an_unreachable_qdrant_as_null_so_the_in_process_index_serves()
    {
        var store = QdrantGrpcTestServers.Fake(out var server);
        server.RefuseNext(100);

        var collection = await new QdrantItemVectorStore(store, "items").SyncAsync(fixture.Catalog, fixture.Index, default);

        Assert.Null(collection);
    }

    [Fact]
    public async Task Hybrid_retrieval_through_qdrant_keeps_the_hard_constraints_and_ranks_like_the_in_process_index()
    {
        var collection = await new QdrantItemVectorStore(QdrantGrpcTestServers.Fake(out var server), "items").SyncAsync(fixture.Catalog, fixture.Index, default);
        var ready = new ItemVectorService.ReadyIndex(fixture.Encoder, fixture.Index, collection);
        var viaQdrant = fixture.Retrieve(() => ready);
        var heat = fixture.Catalog.Items.First(i => i.Title == "Heat (1995)");
        var intent = new RecommendationIntent
        {
            Action = IntentActions.Similar,
            Genres = ["Crime"],
            ExcludeGenres = ["Comedy"],
            YearFrom = 1985,
            YearTo = 2005,
            SimilarTo = [new TitleReference(heat.Title, heat.Id)],
            Keywords = ["heist"],
        };
        var query = new RetrievalQuery(intent, "crime movies like Heat with a heist", new HashSet<string>(), 10);

        var remote = await viaQdrant.RetrieveAsync(query, default);
        var local = await fixture.Retriever.RetrieveAsync(query, default);

        Assert.Equal(2, server.Calls.Count(c => c.Method == "/qdrant.Points/Query"));
        Assert.NotEmpty(remote);
        Assert.All(remote, c => Assert.True(IntentFilter.Matches(c.Item, intent) && c.Item.Id != heat.Id, c.Item.Title));
        Assert.True(remote.Select(c => c.Item.Id).Intersect(local.Select(c => c.Item.Id)).Count() >= local.Count * 8 / 10);
    }
}
