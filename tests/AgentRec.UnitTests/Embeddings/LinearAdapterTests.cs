using System.Numerics.Tensors;
using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Adapter;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Embeddings;

/// <summary>The first 600 MovieLens items and their ratings, the tiny random BERT as the pretrained base, and an adapter trained over it once.</summary>
public sealed class AdapterFixture : IDisposable
{
    public AdapterFixture()
    {
        Bert = new TinyBertFixture();
        File.Copy(Bert.VocabPath, Path.Combine(Bert.Folder, "vocab.txt"));
        var loaded = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = false })).Load();
        Catalog = new ItemCatalog(loaded.Catalog.Items.Take(600));
        var ids = Catalog.Items.Select(i => i.Id).ToHashSet();
        Ratings = [.. loaded.Ratings.Where(r => ids.Contains(r.ItemId))];
        Base = Open();
        Trained = AdapterTrainer.TrainAsync(Catalog, Ratings, Base, Settings).GetAwaiter().GetResult();
    }

    /// <summary>Settings for a 32-dimensional random base on 600 items: a softer temperature than a real model wants, more requests per item.</summary>
    public static AdapterTrainingOptions Settings { get; } = new()
    {
        Epochs = 20, BatchSize = 128, ValidationRequests = 400, LearningRate = 0.01f, Temperature = 0.2f, QueriesPerItem = 4, MaxPairsPerUser = 2,
    };

    public TinyBertFixture Bert { get; }

    public ItemCatalog Catalog { get; }

    public IReadOnlyList<RatingEvent> Ratings { get; }

    public OnnxTextEncoder Base { get; }

    public TrainedAdapter Trained { get; }

    public OnnxTextEncoder Open() =>
        OnnxTextEncoder.Create(Bert.ModelPath, Bert.VocabPath, new OnnxTextEncoderOptions { MaxSequenceLength = 128, IntraOpThreads = 1 });

    /// <summary>Saves the trained adapter into a new folder naming the tiny BERT's folder as its base.</summary>
    public string SaveTo(string folder) =>
        (Trained with
        {
            Manifest = Trained.Manifest with
            {
                BaseModel = Path.GetRelativePath(folder, Bert.Folder),
                BaseModelSha256 = AdaptedEncoder.Sha256(Bert.ModelPath),
                BaseMaxSequenceLength = 128,
            },
        }).Save(folder).ModelSha256;

    public void Dispose()
    {
        Base.Dispose();
        Bert.Dispose();
    }
}

public sealed class LinearAdapterTests(AdapterFixture fixture) : IClassFixture<AdapterFixture>, IDisposable
{
    private static readonly string[] Texts = ["dark sci-fi movies about time travel", "a light romantic comedy from the 90s", "Heat (1995)"];
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-adapter-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static float[][] Vectors(GeneratedEmbeddings<Embedding<float>> embeddings) => [.. embeddings.Select(e => e.Vector.ToArray())];

    [Fact]
    public async Task Training_lowers_the_loss_and_finds_held_out_requests_items_better_than_the_base()
    {
        var metrics = fixture.Trained.Manifest.Metrics!;
        var validation = fixture.Trained.Manifest.Validation!;

        Assert.True(metrics.EpochLoss[^1] < metrics.EpochLoss[0] * 0.95, string.Join(", ", metrics.EpochLoss));
        Assert.Equal(400, validation.Requests);
        Assert.True(validation.AdaptedRecallAt10 >= 1.5 * validation.BaseRecallAt10, $"{validation.BaseRecallAt10} → {validation.AdaptedRecallAt10}");

        // Training is reproducible for a seed.
        var again = await AdapterTrainer.TrainAsync(fixture.Catalog, fixture.Ratings, fixture.Base, AdapterFixture.Settings);
        Assert.Equal(fixture.Trained.Adapter.Weights, again.Adapter.Weights);
    }

    [Fact]
    public async Task The_identity_adapter_gives_the_base_encoders_embeddings()
    {
        var identity = new TrainedAdapter(LinearAdapter.Identity(32), new AdapterManifest { InputDims = 32, OutputDims = 32, BaseModel = "." });
        identity.Save(_folder);
        using var adapted = new AdaptedEncoder(fixture.Open(), Path.Combine(_folder, AdapterManifest.ModelFileName), AdapterManifest.Read(_folder), ownsBase: true);

        var expected = Vectors(await fixture.Base.GenerateAsync(Texts));
        var actual = Vectors(await adapted.GenerateAsync(Texts));

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.True(TensorPrimitives.Distance(expected[i], actual[i]) < 1e-5f);
        }
    }

    [Fact]
    public async Task A_saved_adapter_loads_with_its_base_and_serves_the_trained_map_through_its_onnx_graph()
    {
        var sha = fixture.SaveTo(_folder);

        using var loaded = AdaptedEncoder.Load(_folder, intraOpThreads: 1);
        var served = Vectors(await loaded.GenerateAsync(Texts));
        var baseVectors = Vectors(await fixture.Base.GenerateAsync(Texts));

        Assert.Equal(sha, AdapterManifest.Read(_folder).ModelSha256);
        Assert.Equal(32, loaded.Dimensions);
        for (var i = 0; i < Texts.Length; i++)
        {
            var expected = new float[32];
            fixture.Trained.Adapter.Apply(baseVectors[i], expected);
            Assert.True(TensorPrimitives.Distance(expected, served[i]) < 1e-4f, $"text {i}");
            Assert.InRange(TensorPrimitives.Norm(served[i]), 0.999f, 1.001f);
            Assert.True(TensorPrimitives.Distance(baseVectors[i], served[i]) > 1e-3f, "the trained adapter should move the embedding");
        }
    }

    [Fact]
    public void A_base_model_other_than_the_one_trained_on_is_refused_by_name()
    {
        fixture.SaveTo(_folder);
        var manifest = AdapterManifest.Read(_folder) with { BaseModelSha256 = new string('0', 64) };
        manifest.Write(_folder);

        var e = Assert.Throws<InvalidDataException>(() => AdaptedEncoder.Load(_folder));

        Assert.Contains("is not the base model", e.Message, StringComparison.Ordinal);
        Assert.Contains("model.onnx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_base_folder_is_named_in_the_error()
    {
        fixture.SaveTo(_folder);
        var manifest = AdapterManifest.Read(_folder) with { BaseModel = "no-such-encoder" };
        manifest.Write(_folder);

        var e = Assert.Throws<InvalidDataException>(() => AdaptedEncoder.Load(_folder));

        Assert.Contains("no-such-encoder", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""{"version":1,"kind":"linear-adapter","inputDims":32,"outputDims":32}""")]
    public void A_broken_manifest_is_an_error_naming_the_file(string text)
    {
        File.WriteAllText(Path.Combine(_folder, AdapterManifest.FileName), text);

        var e = Assert.Throws<InvalidDataException>(() => AdaptedEncoder.Load(_folder));

        Assert.Contains(AdapterManifest.FileName, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_item_vector_service_serves_an_adapter_folder_as_its_encoder()
    {
        var adapterFolder = Path.Combine(_folder, "adapter");
        fixture.SaveTo(adapterFolder);
        var catalogOptions = new CatalogOptions { IncludeBooks = false };
        var loaded = new LoadedCatalog(fixture.Catalog, fixture.Ratings, [], []);
        var retrieval = new HybridRetrievalOptions { EncoderDirectory = adapterFolder, VectorCacheDirectory = Path.Combine(_folder, "vectors"), TrainWhenMissing = false };
        using var service = new ItemVectorService(
            loaded, Options.Create(retrieval), Options.Create(catalogOptions), Microsoft.Extensions.Logging.Abstractions.NullLogger<ItemVectorService>.Instance);

        await service.StartAsync(default);
        await service.ExecuteTask!;

        var ready = Assert.IsType<ItemVectorService.ReadyIndex>(service.Current);
        Assert.IsType<AdaptedEncoder>(ready.Encoder);
        Assert.Equal(fixture.Catalog.Count, ready.Index.Collection.Count);
        var query = (await ready.Encoder.GenerateAsync([fixture.Catalog.Items[42].Description]))[0].Vector.ToArray();
        var hit = ready.Index.Search(query, 1, null)[0];
        Assert.Equal(42, hit.CatalogIndex);
        Assert.InRange(hit.Score, 0.999f, 1.001f);
    }
}
