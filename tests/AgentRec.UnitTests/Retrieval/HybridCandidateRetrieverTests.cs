using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Fusion;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Retrieval;

/// <summary>The MovieLens catalog with a small random hashed encoder served through ONNX and its vector index.</summary>
public sealed class HybridFixture : IDisposable
{
    public HybridFixture()
    {
        Folder = Directory.CreateTempSubdirectory("agentrec-hybrid-").FullName;
        Catalog = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = false })).Load().Catalog;
        var model = HashedNgramModel.CreateRandom(1 << 14, 32, 32, new Random(5));
        new TrainedEncoder(model, new EncoderManifest { Seed = 5, Buckets = 1 << 14, Dims = 32, OutputDims = 32 }).Save(Path.Combine(Folder, "encoder"));
        Encoder = HashedNgramEncoder.Load(Path.Combine(Folder, "encoder"), intraOpThreads: 1);
        var fingerprint = EncoderTrainer.CatalogFingerprint(Catalog);
        Index = ItemVectorIndex.LoadOrBuildAsync(Catalog, Encoder, fingerprint, "m1", Path.Combine(Folder, "vectors")).GetAwaiter().GetResult();
        Reloaded = ItemVectorIndex.LoadOrBuildAsync(Catalog, Encoder, fingerprint, "m1", Path.Combine(Folder, "vectors")).GetAwaiter().GetResult();
        var bm25 = new Bm25Index(Catalog);
        var priors = new ItemPriors(Catalog);
        var ready = new ItemVectorService.ReadyIndex(Encoder, Index);
        Retriever = new HybridCandidateRetriever(Catalog, bm25, priors, new LexicalCandidateRetriever(Catalog, bm25, priors), () => ready, Options.Create(new HybridRetrievalOptions()));
    }

    public string Folder { get; }

    public ItemCatalog Catalog { get; }

    public HashedNgramEncoder Encoder { get; }

    public ItemVectorIndex Index { get; }

    public ItemVectorIndex Reloaded { get; }

    public HybridCandidateRetriever Retriever { get; }

    public void Dispose()
    {
        Encoder.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class HybridCandidateRetrieverTests(HybridFixture fixture) : IClassFixture<HybridFixture>
{
    private static readonly string[] Genres = ["Action", "Comedy", "Drama", "Sci-Fi", "Horror", "Romance", "Animation", "Thriller", "Crime", "Children"];
    private static readonly string[] Words = ["time travel", "heist", "space", "funny", "dark", "love", "robots", "war", "zombies", "toys"];

    [Fact]
    public void Item_vectors_are_reloaded_from_the_cache_file_not_recomputed()
    {
        Assert.False(fixture.Index.LoadedFromCache);
        Assert.True(fixture.Reloaded.LoadedFromCache);
        Assert.Equal(fixture.Index.VectorOf(123), fixture.Reloaded.VectorOf(123));
    }

    [Fact]
    public async Task Similar_requests_exclude_the_named_title_and_keep_the_filters()
    {
        var heat = fixture.Catalog.Items.First(i => i.Title == "Heat (1995)");
        var intent = new RecommendationIntent
        {
            Action = IntentActions.Similar,
            SimilarTo = [new TitleReference(heat.Title, heat.Id)],
            ExcludeGenres = ["Comedy"],
        };

        var results = await fixture.Retriever.RetrieveAsync(new RetrievalQuery(intent, "movies like Heat", new HashSet<string>(), 20), default);

        Assert.NotEmpty(results);
        Assert.DoesNotContain(results, c => c.Item.Id == heat.Id);
        Assert.All(results, c => Assert.False(c.Item.HasGenre("Comedy")));
    }

    [Theory]
    [InlineData("interstellar", "Interstellar (2014)")]
    [InlineData("interstellar films", "Interstellar (2014)")]
    [InlineData("films by Christopher Nolan", "Dark Knight Rises, The (2012)")]
    public async Task Words_that_single_out_a_few_items_put_them_first_whatever_the_vectors_say(string message, string expected)
    {
        var results = await fixture.Retriever.RetrieveAsync(new RetrievalQuery(new RecommendationIntent(), message, new HashSet<string>(), 100), default);

        Assert.Contains(expected, results.Take(3).Select(c => c.Item.Title));
    }

    [Theory]
    [InlineData("sci-fi movies", "Sci-Fi")]
    [InlineData("some science fiction films from the 90s", "Sci-Fi")]
    [InlineData("recommend comedies from the 1980s", "Comedy")]
    [InlineData("推荐几部九十年代的科幻电影", "Sci-Fi")]
    public async Task A_request_that_is_only_filters_ranks_by_quality_as_the_lexical_retriever_does(string message, string genre)
    {
        var intent = new RecommendationIntent
        {
            Genres = [genre],
            YearFrom = message.Contains("90s", StringComparison.Ordinal) || message.Contains("九十年代", StringComparison.Ordinal) ? 1990
                : message.Contains("1980s", StringComparison.Ordinal) ? 1980 : null,
        };
        intent = intent with { YearTo = intent.YearFrom + 9 };
        var query = new RetrievalQuery(intent, message, new HashSet<string>(), 20);
        var bm25 = new Bm25Index(fixture.Catalog);
        var priors = new ItemPriors(fixture.Catalog);

        var hybrid = await fixture.Retriever.RetrieveAsync(query, default);
        var lexical = await new LexicalCandidateRetriever(fixture.Catalog, bm25, priors).RetrieveAsync(query, default);

        Assert.Equal(lexical.Select(c => c.Item.Id), hybrid.Select(c => c.Item.Id));
    }

    [Fact]
    public void A_broad_text_match_is_no_distinct_match()
    {
        var options = new HybridRetrievalOptions { DistinctMatchLimit = 2, DistinctMatchRatio = 0.5 };
        double[] scores = [9, 8, 1, 5, 0];

        Assert.Equal([0, 1, 3], HybridCandidateRetriever.DistinctMatches([0, 1, 3, 2], scores, new HybridRetrievalOptions { DistinctMatchRatio = 0.5 }).ToArray());
        Assert.Equal(0, HybridCandidateRetriever.DistinctMatches([0, 1, 3, 2], scores, options).Count);
        Assert.Equal(0, HybridCandidateRetriever.DistinctMatches([], scores, options).Count);
    }

    [Property(MaxTest = 60)]
    public Property Hybrid_results_never_break_a_hard_constraint()
    {
        var intents =
            from genres in Gen.SubListOf(Genres.Take(4).ToArray())
            from excluded in Gen.SubListOf(Genres.Skip(4).ToArray())
            from yearFrom in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1930, 2015).Select(y => (int?)y))
            from span in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 30).Select(y => (int?)y))
            from words in Gen.SubListOf(Words)
            from anchor in Gen.Choose(-1, 500)
            from limit in Gen.Choose(1, 50)
            select (new RecommendationIntent
            {
                Genres = [.. genres.Take(2)],
                ExcludeGenres = [.. excluded],
                YearFrom = yearFrom,
                YearTo = yearFrom is { } f && span is { } s ? f + s : null,
                Keywords = [.. words],
                SimilarTo = anchor >= 0 ? [new TitleReference(fixture.Catalog.Items[anchor].Title, fixture.Catalog.Items[anchor].Id)] : [],
            }, limit);

        return Prop.ForAll(intents.ToArbitrary(), input =>
        {
            var (intent, limit) = input;
            var results = fixture.Retriever.RetrieveAsync(new RetrievalQuery(intent, string.Join(' ', intent.Keywords), new HashSet<string>(), limit), default)
                .AsTask().GetAwaiter().GetResult();
            return results.Count <= limit && results.All(c => IntentFilter.Matches(c.Item, intent))
                && results.All(c => intent.SimilarTo.All(s => s.ItemId != c.Item.Id));
        });
    }
}

public sealed class AnchorLexicalWeightTests(HybridFixture fixture) : IClassFixture<HybridFixture>
{
    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.5)]
    public void An_anchor_lexical_weight_out_of_range_fails_validation(double weight)
    {
        var options = new HybridRetrievalOptions { AnchorLexicalWeight = weight };

        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), [], validateAllProperties: true);

        Assert.False(valid);
    }

    [Fact]
    public void Anchored_requests_fuse_bm25_at_the_anchor_lexical_weight_and_others_at_the_lexical_weight()
    {
        var options = new HybridRetrievalOptions { LexicalWeight = 0.25, AnchorLexicalWeight = 0.75 };

        Assert.Equal(0.75, RetrievalChannelFusion.LexicalWeight(options.ChannelWeights(), anchored: true));
        Assert.Equal(0.25, RetrievalChannelFusion.LexicalWeight(options.ChannelWeights(), anchored: false));
    }

    [Fact]
    public async Task The_retriever_weighs_a_similar_requests_bm25_by_the_anchor_lexical_weight()
    {
        var heat = fixture.Catalog.Items.First(i => i.Title == "Heat (1995)");
        var intent = new RecommendationIntent { Action = IntentActions.Similar, SimilarTo = [new TitleReference(heat.Title, heat.Id)] };
        var query = new RetrievalQuery(intent, "movies like Heat", new HashSet<string>(), 30);

        var vectorsOnly = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 0, LexicalWeight = 100 }, query);
        var lexicalHeavy = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 100, LexicalWeight = 0 }, query);
        var vectorsAgain = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 0, LexicalWeight = 0 }, query);

        Assert.NotEqual(vectorsOnly, lexicalHeavy);
        Assert.Equal(vectorsOnly, vectorsAgain);
    }

    [Fact]
    public void A_named_title_with_topics_of_the_users_own_keeps_the_request_lexical_weight()
    {
        var options = new HybridRetrievalOptions { LexicalWeight = 0.25, AnchorLexicalWeight = 0 };

        Assert.Equal(0.25, RetrievalChannelFusion.LexicalWeight(options.ChannelWeights(), anchored: true, hasTopics: true));
        Assert.Equal(0, RetrievalChannelFusion.LexicalWeight(options.ChannelWeights(), anchored: true, hasTopics: false));
    }

    [Fact]
    public async Task A_similar_request_with_a_topic_ranks_by_the_topics_words_too()
    {
        var heat = fixture.Catalog.Items.First(i => i.Title == "Heat (1995)");
        var intent = new RecommendationIntent { Action = IntentActions.Similar, SimilarTo = [new TitleReference(heat.Title, heat.Id)], Keywords = ["heist"] };
        var query = new RetrievalQuery(intent, "like Heat, with a heist", new HashSet<string>(), 30);

        var withLexical = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 0, LexicalWeight = 100 }, query);
        var without = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 0, LexicalWeight = 0 }, query);

        Assert.NotEqual(without, withLexical);
    }

    [Fact]
    public async Task A_similar_request_that_may_want_books_ranks_by_its_genre_words_too()
    {
        // Books carry no genre field, so where books may be asked for the genre words are matched in the text.
        var heat = fixture.Catalog.Items.First(i => i.Title == "Heat (1995)");
        var intent = new RecommendationIntent
        {
            Action = IntentActions.Similar, Domain = IntentDomains.Any, Genres = ["Sci-Fi"], SimilarTo = [new TitleReference(heat.Title, heat.Id)],
        };
        var query = new RetrievalQuery(intent, "films or books like Heat, science fiction", new HashSet<string>(), 30);

        var withLexical = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 0, LexicalWeight = 100 }, query);
        var without = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 0, LexicalWeight = 0 }, query);

        Assert.NotEqual(without, withLexical);
    }

    [Fact]
    public async Task The_anchor_lexical_weight_leaves_requests_without_named_titles_alone()
    {
        var query = new RetrievalQuery(new RecommendationIntent { Keywords = ["heist", "bank"] }, "heist bank", new HashSet<string>(), 30);

        var low = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 0 }, query);
        var high = await Retrieve(new HybridRetrievalOptions { AnchorLexicalWeight = 100 }, query);

        Assert.Equal(low, high);
    }

    [Theory]
    [InlineData(false, "heist")]
    [InlineData(true, "heist 盗梦")]
    public async Task Chinese_words_reach_the_query_encoder_only_when_it_reads_chinese(bool readsChinese, string embedded)
    {
        using var recording = new FakeRecordingEncoder(fixture.Encoder);
        var bm25 = new Bm25Index(fixture.Catalog);
        var priors = new ItemPriors(fixture.Catalog);
        var ready = new ItemVectorService.ReadyIndex(fixture.Encoder, fixture.Index) { QueryEncoder = recording, QueryEncoderReadsChinese = readsChinese };
        var retriever = new HybridCandidateRetriever(
            fixture.Catalog, bm25, priors, new LexicalCandidateRetriever(fixture.Catalog, bm25, priors), () => ready, Options.Create(new HybridRetrievalOptions()));
        var query = new RetrievalQuery(new RecommendationIntent { Keywords = ["heist", "盗梦"] }, string.Empty, new HashSet<string>(), 30);

        var results = await retriever.RetrieveAsync(query, default);

        Assert.Equal([embedded], recording.Texts);
        Assert.NotEmpty(results);
    }

    private async Task<string[]> Retrieve(HybridRetrievalOptions options, RetrievalQuery query)
    {
        var bm25 = new Bm25Index(fixture.Catalog);
        var priors = new ItemPriors(fixture.Catalog);
        var ready = new ItemVectorService.ReadyIndex(fixture.Encoder, fixture.Index);
        var retriever = new HybridCandidateRetriever(fixture.Catalog, bm25, priors, new LexicalCandidateRetriever(fixture.Catalog, bm25, priors), () => ready, Options.Create(options));
        return [.. (await retriever.RetrieveAsync(query, default)).Select(c => c.Item.Id)];
    }

    /// <summary>A fake query encoder (the real ones are tested elsewhere) that records the texts it is given and embeds them with the fixture's encoder.</summary>
    private sealed class FakeRecordingEncoder(Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> inner)
        : Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>
    {
        public List<string> Texts { get; } = [];

        public Task<Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Texts.AddRange(texts);
            return inner.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
