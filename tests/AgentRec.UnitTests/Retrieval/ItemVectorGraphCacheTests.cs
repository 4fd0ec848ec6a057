using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Hnsw;
using AgentRec.Core.Training;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Retrieval;

/// <summary>The item index of a catalog above the graph threshold: the graph is built once, saved beside the vectors and reloaded.</summary>
public sealed class ItemVectorGraphCacheTests : IDisposable
{
    // 1,500 items: a graph this small compares a large share of them per query, so the share limit is lifted here.
    private static readonly AnnIndexOptions Ann = new() { Threshold = 500, MaxScannedFraction = 1.0, Hnsw = new HnswParameters { EfConstruction = 64 } };
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-graph-cache-").FullName;
    private readonly ItemCatalog _catalog;
    private readonly HashedNgramEncoder _encoder;

    public ItemVectorGraphCacheTests()
    {
        var full = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = false })).Load().Catalog;
        _catalog = new ItemCatalog(full.Items.Take(1500));
        var model = HashedNgramModel.CreateRandom(1 << 12, 32, 32, new Random(5));
        new TrainedEncoder(model, new EncoderManifest { Seed = 5, Buckets = 1 << 12, Dims = 32, OutputDims = 32 }).Save(Path.Combine(_folder, "encoder"));
        _encoder = HashedNgramEncoder.Load(Path.Combine(_folder, "encoder"), intraOpThreads: 1);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<ItemVectorIndex> Load(AnnIndexOptions? ann = null) =>
        ItemVectorIndex.LoadOrBuildAsync(_catalog, _encoder, "small", "m1", Path.Combine(_folder, "vectors"), ann: ann ?? Ann);

    private string GraphFile() => Assert.Single(Directory.GetFiles(Path.Combine(_folder, "vectors"), "*.hnsw"));

    [Fact]
    public async Task The_graph_is_built_calibrated_and_saved_with_the_vectors_then_reloaded_instead_of_rebuilt()
    {
        var first = await Load();
        var saved = File.GetLastWriteTimeUtc(GraphFile());

        var second = await Load();

        Assert.True(first.Collection.UsesAnnIndex);
        Assert.NotNull(first.Collection.AnnCalibration);
        Assert.True(second.LoadedFromCache);
        Assert.True(second.Collection.UsesAnnIndex);
        Assert.Null(second.Collection.AnnCalibration);
        Assert.Equal(first.Collection.AnnEfSearch, second.Collection.AnnEfSearch);
        Assert.Equal(saved, File.GetLastWriteTimeUtc(GraphFile()));
        var query = first.VectorOf(42);
        Assert.Equal(first.Search(query, 10, null).Select(h => h.CatalogIndex), second.Search(query, 10, null).Select(h => h.CatalogIndex));
    }

    [Fact]
    public async Task A_damaged_graph_file_is_rebuilt_and_replaced()
    {
        await Load();
        var path = GraphFile();
        var bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var reloaded = await Load();

        Assert.True(reloaded.Collection.UsesAnnIndex);
        Assert.NotNull(reloaded.Collection.AnnCalibration);
        Assert.True(reloaded.Collection.TryLoadAnnIndex(path));
    }

    [Fact]
    public async Task A_declined_graph_leaves_the_index_exact_and_saves_no_graph_file()
    {
        var index = await Load(Ann with { MaxScannedFraction = 0.01 });

        Assert.False(index.Collection.UsesAnnIndex);
        Assert.NotNull(index.Collection.AnnDeclined);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "vectors"), "*.hnsw"));
    }
}
