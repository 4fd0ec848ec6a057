using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;

namespace AgentRec.UnitTests.Ranking;

/// <summary>Loads MovieLens once and trains a small reranker on it (one training position, few iterations).</summary>
public sealed class TrainedRerankerFixture
{
    public TrainedRerankerFixture()
    {
        Loaded = new CatalogLoader(Microsoft.Extensions.Options.Options.Create(new CatalogOptions { IncludeBooks = false })).Load();
        Weights = RerankerTrainer.TrainAsync(Loaded, Options).GetAwaiter().GetResult();
    }

    public static RerankerTrainingOptions Options { get; } = new() { TrainingPositions = [3], Iterations = 150 };

    public LoadedCatalog Loaded { get; }

    public RerankerWeights Weights { get; }
}

public sealed class TrainedRerankerTests(TrainedRerankerFixture fixture) : IClassFixture<TrainedRerankerFixture>
{
    private static readonly CatalogItem[] Items =
    [
        new("1", "Quiet (2001)", "Quiet", 2001, ["Drama"], [], "Quiet (2001). Genres: Drama.", 5, 4.5, ItemDomain.Movie),
        new("2", "Famous (1999)", "Famous", 1999, ["Drama"], [], "Famous (1999). Genres: Drama.", 500, 3.6, ItemDomain.Movie),
        new("3", "Middling (2005)", "Middling", 2005, ["Drama"], [], "Middling (2005). Genres: Drama.", 60, 3.9, ItemDomain.Movie),
    ];

    [Fact]
    public void Learned_ordering_beats_the_retrieval_order_on_validation_requests()
    {
        var ndcg = fixture.Weights.Training.ValidationNdcgAt10;

        Assert.True(ndcg["trained"] > ndcg["retrievalOrder"], string.Join(", ", ndcg));
        Assert.True(fixture.Weights.Training.ValidationRequests > 100);
    }

    [Fact]
    public async Task Training_twice_with_one_seed_gives_the_same_weights()
    {
        var again = await RerankerTrainer.TrainAsync(fixture.Loaded, TrainedRerankerFixture.Options);

        Assert.Equal(fixture.Weights.Weights, again.Weights);
    }

    [Fact]
    public void Weights_round_trip_through_the_json_file()
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-reranker-").FullName;
        try
        {
            var path = fixture.Weights.Save(folder);

            var loaded = RerankerWeights.Load(path);

            Assert.Equal(fixture.Weights.Weights, loaded.Weights);
            Assert.Equal(RerankerFeatures.Names, loaded.Features);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Weights_for_other_features_are_refused_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-reranker-").FullName;
        try
        {
            var path = (fixture.Weights with { Features = ["retrieval", "somethingElse"] }).Save(folder);

            var error = Assert.Throws<InvalidDataException>(() => RerankerWeights.Load(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Relevance_requests_follow_the_learned_weights()
    {
        var catalog = new ItemCatalog(Items);
        var priors = new ItemPriors(catalog);
        var popularityOnly = Only("popularity");
        var reranker = new TrainedReranker(popularityOnly, priors, new LexicalPairScorer(new Bm25Index(catalog)));

        var ranked = await reranker.RerankAsync(new RecommendationIntent { Genres = ["Drama"] }, "drama", Candidates(catalog), CancellationToken.None);

        Assert.Equal(["2", "3", "1"], ranked.Select(c => c.Item.Id));
    }

    [Theory]
    [InlineData("quiet")]
    [InlineData("like Famous")]
    public async Task Requests_unlike_the_learned_ones_keep_the_hand_set_weighting(string message)
    {
        var catalog = new ItemCatalog(Items);
        var priors = new ItemPriors(catalog);
        var intent = message.StartsWith("like", StringComparison.Ordinal)
            ? new RecommendationIntent { Action = IntentActions.Similar, Genres = ["Drama"], SimilarTo = [new TitleReference("Famous (1999)", "2")] }
            : new RecommendationIntent();
        var trained = new TrainedReranker(Only("popularity"), priors, new LexicalPairScorer(new Bm25Index(catalog)));

        var ranked = await trained.RerankAsync(intent, message, Candidates(catalog), CancellationToken.None);
        var handSet = await new LinearFeatureReranker(priors).RerankAsync(intent, message, Candidates(catalog), CancellationToken.None);

        Assert.False(TrainedReranker.Learned(intent, message));
        Assert.Equal(handSet.Select(c => c.Item.Id), ranked.Select(c => c.Item.Id));
        Assert.Equal(handSet.Select(c => c.RerankScore), ranked.Select(c => c.RerankScore));
    }

    [Fact]
    public async Task An_explicit_sort_keeps_the_hand_set_weighting()
    {
        var catalog = new ItemCatalog(Items);
        var priors = new ItemPriors(catalog);
        var intent = new RecommendationIntent { Sort = IntentSorts.Newest };
        var trained = new TrainedReranker(Only("popularity"), priors, new LexicalPairScorer(new Bm25Index(catalog)));

        var ranked = await trained.RerankAsync(intent, "drama", Candidates(catalog), CancellationToken.None);
        var handSet = await new LinearFeatureReranker(priors).RerankAsync(intent, "drama", Candidates(catalog), CancellationToken.None);

        Assert.Equal(handSet.Select(c => c.Item.Id), ranked.Select(c => c.Item.Id));
    }

    [Fact]
    public void The_learned_weights_serve_requests_shaped_like_their_training_requests_and_no_others()
    {
        var random = new Random(3);
        var movies = fixture.Loaded.Catalog.Items.Where(i => i.Domain == ItemDomain.Movie && i.Genres.Count > 0 && !i.Genres[0].StartsWith('(')).Take(300);
        foreach (var item in movies)
        {
            var (intent, message) = RerankerTrainer.PseudoRequest(item, random);
            Assert.True(TrainedReranker.Learned(intent, message), message);
        }

        Assert.False(TrainedReranker.Learned(new RecommendationIntent { Genres = ["Comedy"], YearFrom = 1990, YearTo = 1999 }, "dark comedies from the 90s"));
        Assert.True(TrainedReranker.Learned(new RecommendationIntent { Genres = ["Comedy"], YearFrom = 1990, YearTo = 1999 }, "comedies from the 90s"));
        Assert.False(TrainedReranker.Learned(new RecommendationIntent { Genres = ["Comedy"], Sort = IntentSorts.Rating }, "best comedies"));
    }

    private static ScoredCandidate[] Candidates(ItemCatalog catalog) =>
        [.. catalog.Items.Select((item, i) => new ScoredCandidate(item, i, 0.5))];

    private static RerankerWeights Only(string feature)
    {
        var f = RerankerFeatures.Count;
        var weights = new float[f];
        weights[RerankerFeatures.Names.ToList().IndexOf(feature)] = 1f;
        return new RerankerWeights
        {
            Features = RerankerFeatures.Names,
            Mean = new float[f],
            Std = Enumerable.Repeat(1f, f).ToArray(),
            Weights = weights,
        };
    }
}

public sealed class SelfTrainingRerankerTests(TrainedRerankerFixture fixture) : IClassFixture<TrainedRerankerFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentrec-selftrain-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Missing_weights_are_learned_in_the_background_saved_and_then_served()
    {
        var index = new Bm25Index(fixture.Loaded.Catalog);
        var priors = new ItemPriors(fixture.Loaded.Catalog);
        using var reranker = new SelfTrainingReranker(
            fixture.Loaded, priors, new LexicalPairScorer(index), _folder, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TrainedRerankerFixture.Options);
        Assert.IsType<LinearFeatureReranker>(reranker.Current);

        await reranker.StartAsync(CancellationToken.None);
        var trained = await reranker.WhenReady;
        await reranker.StopAsync(CancellationToken.None);

        Assert.True(trained);
        var serving = Assert.IsType<TrainedReranker>(reranker.Current);
        var saved = RerankerWeights.Load(Path.Combine(_folder, RerankerWeights.FileName));
        Assert.Equal(serving.Weights.Weights, saved.Weights);
        Assert.Equal(fixture.Weights.Weights, saved.Weights); // same data, same seed, same options: same weights
    }

    [Fact]
    public async Task A_catalog_without_ratings_keeps_the_hand_set_weighting_and_writes_nothing()
    {
        var loaded = new LoadedCatalog(fixture.Loaded.Catalog, [], [], []);
        var index = new Bm25Index(loaded.Catalog);
        using var reranker = new SelfTrainingReranker(
            loaded, new ItemPriors(loaded.Catalog), new LexicalPairScorer(index), _folder, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await reranker.StartAsync(CancellationToken.None);
        var trained = await reranker.WhenReady;
        await reranker.StopAsync(CancellationToken.None);

        Assert.False(trained);
        Assert.IsType<LinearFeatureReranker>(reranker.Current);
        Assert.False(File.Exists(Path.Combine(_folder, RerankerWeights.FileName)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
