using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Embeddings.Onnx;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;

namespace AgentRec.Benchmarks;

/// <summary>Reranking 100 retrieved candidates of a real request: the hand-set weighting (baseline) and the trained weights.</summary>
[MemoryDiagnoser]
public class RerankerBenchmarks
{
    private const string Message = "dark sci-fi movies about time travel";
    private readonly RecommendationIntent _intent = new() { Genres = ["Sci-Fi"], Keywords = ["time travel"] };
    private ScoredCandidate[] _candidates = null!;
    private LinearFeatureReranker _handSet = null!;
    private TrainedReranker _trained = null!;

    [GlobalSetup]
    public void Setup()
    {
        var loaded = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = false })).Load();
        var catalog = loaded.Catalog;
        var priors = new ItemPriors(catalog);
        var index = new Bm25Index(catalog);
        var retriever = new LexicalCandidateRetriever(catalog, index, priors);
        _candidates = [.. retriever.RetrieveAsync(new RetrievalQuery(_intent, Message, new HashSet<string>(), 100), CancellationToken.None).AsTask().GetAwaiter().GetResult()];
        _handSet = new LinearFeatureReranker(priors);
        var path = RerankerWeights.DefaultFolder() is { } folder ? Path.Combine(folder, RerankerWeights.FileName) : null;
        var weights = path is not null && File.Exists(path)
            ? RerankerWeights.Load(path)
            : RerankerTrainer.TrainAsync(loaded, new RerankerTrainingOptions { TrainingPositions = [3], Iterations = 100 }).GetAwaiter().GetResult();
        _trained = new TrainedReranker(weights, priors, new LexicalPairScorer(index));
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<ScoredCandidate>> HandSet100() => Run(_handSet);

    [Benchmark]
    public Task<IReadOnlyList<ScoredCandidate>> Trained100() => Run(_trained);

    private async Task<IReadOnlyList<ScoredCandidate>> Run(IReranker reranker)
    {
        // Reasons accumulate on the candidates; start each call from none, as a fresh request does.
        foreach (var c in _candidates)
        {
            c.Reasons.Clear();
        }

        return await reranker.RerankAsync(_intent, Message, _candidates, CancellationToken.None).ConfigureAwait(false);
    }
}

/// <summary>
/// Throughput of a cross-encoder with the ms-marco-MiniLM-L-6-v2 shape (6 layers, 384 wide, random weights from the
/// builder) over 32 (query, item text) pairs, at batch sizes 1, 8 and 32; times are per pair.
/// </summary>
[MemoryDiagnoser]
public class CrossEncoderBenchmarks
{
    private const int Pairs = 32;
    private string _folder = null!;
    private OnnxCrossEncoder _encoder = null!;
    private string[] _texts = null!;

    [Params(1, 8, 32)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var vocab = DataPaths.FindShared("models/tokenizers/bert-uncased-wordpiece/vocab.txt")
            ?? throw new InvalidOperationException("shared/models/tokenizers/bert-uncased-wordpiece/vocab.txt is missing.");
        _folder = Directory.CreateTempSubdirectory("agentrec-bench-cross-").FullName;
        BertOnnxBuilder.BuildRandomClassifier(BertEncoderConfig.MiniLmL6H384(), Path.Combine(_folder, OnnxCrossEncoder.ModelFileName));
        File.Copy(vocab, Path.Combine(_folder, OnnxCrossEncoder.VocabFileName));
        _encoder = OnnxCrossEncoder.Open(_folder, new CrossEncoderOptions { BatchSize = BatchSize, MaxSequenceLength = 128 });
        var catalog = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = false })).Load().Catalog;
        _texts = [.. catalog.Items.Take(Pairs).Select(i => i.Description)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Pairs)]
    public float[] ScorePairs() => _encoder.ScorePairs("dark sci-fi movies about time travel", _texts);
}
