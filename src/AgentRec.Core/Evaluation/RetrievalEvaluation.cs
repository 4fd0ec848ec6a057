using AgentRec.Core.Catalog;
using AgentRec.Core.Fusion;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// The offline protocol of <c>eval retrieval --data DIR</c> on a MovieLens-format folder. A seeded 20% of tag
/// applications and 20% of users are held out; item descriptions are rebuilt from the remaining tags and the encoder
/// is trained only on those descriptions and the remaining users' likes. Tasks: <b>tagQuery</b> — a request built from
/// an item's held-out tags (absent from its description) and its genres must retrieve the item; <b>coLiked</b> — an
/// item liked by a held-out user must retrieve another item that user liked; <b>paraphrase</b> — a request that restates
/// an item's tags and genres in words its text does not hold (<see cref="ParaphraseQueries"/>, phrases from
/// <see cref="ParaphraseTable"/>) must retrieve the item. Recall@10/@50 (hit rate of the target)
/// for BM25 (lexical), the randomly initialised encoder (untrained), the trained encoder (fineTuned) and the service's
/// fusion of BM25 and the trained encoder (hybrid, <see cref="RetrievalChannelFusion"/>: tag queries fuse as a request's words,
/// co-liked queries as a "similar" request naming the item). The anchored BM25 weight of the fusion is picked on a
/// validation split made the same way from the training tags and users alone, never from the held-out ones.
/// Pretrained encoders passed in <see cref="RetrievalEvaluationOptions.Pretrained"/> add two rows each on the same
/// queries: the encoder alone (untrained on the catalog) and its fusion with BM25 at the same weights; with
/// <see cref="RetrievalEvaluationOptions.Adapter"/> two more, <c>fineTuned:NAME</c> and <c>hybrid:fineTuned:NAME</c>:
/// the encoder under a linear adapter trained on the training split (<see cref="PretrainedAdapterRows"/>); and per weight
/// w of <see cref="RetrievalEvaluationOptions.EncoderFusionWeights"/> two more, <c>fused:own+NAME@w</c> and its hybrid:
/// the fine-tuned own encoder and the pretrained one (query prefix, no adapter) fused as (1−w)·cos_own + w·cos_NAME
/// (<see cref="EncoderSimilarityFusion"/>).
/// </summary>
public static class RetrievalEvaluation
{
    private const int Depth = 50;

    /// <summary>Runs the protocol; throws <see cref="CatalogLoadException"/> when the folder is missing or unusable.</summary>
    public static RetrievalEvaluationResult Run(string folder, RetrievalEvaluationOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new RetrievalEvaluationOptions();
        var clock = Stopwatch.StartNew();
        var movies = MovieLensFolderChecks.Load(folder, "Retrieval", out var issues);
        var applications = ReadTagApplications(Path.Combine(folder, "tags.csv"), issues);
        MovieLensFolderChecks.RequireUsable(folder, issues, options.MaxIssues, movies.Ratings);

        var random = new Random(options.Seed);

        // Hold out tag applications; descriptions are rebuilt from the rest.
        var (catalog, heldOutTags, trainingApplications) = SplitTags(movies.Items, applications, options.HoldOutFraction, random);
        var heldOutCount = applications.Count - trainingApplications.Count;

        // Hold out users; the encoder sees only the others' likes.
        var users = movies.Ratings.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(users);
        var heldOutUsers = new HashSet<string>(users.Take((int)Math.Round(users.Length * options.HoldOutFraction)), StringComparer.Ordinal);
        var trainingRatings = movies.Ratings.Where(r => !heldOutUsers.Contains(r.UserId)).ToList();

        var tagQueries = TagQueries(catalog, heldOutTags, options, random);
        var coLiked = CoLikedQueries(catalog, movies.Ratings, heldOutUsers, options, random);

        // A generator of its own, seeded from the evaluation's seed, so the other tasks and the fusion search draw as before.
        var paraphrases = ParaphraseQueries.Build(
            catalog, heldOutTags, options.Paraphrases ?? ParaphraseTable.Default, options.MaxQueriesPerTask, new Random(unchecked((options.Seed * 397) ^ 28)));
        progress?.Report($"{catalog.Count} items; {heldOutCount} held-out tag applications → {tagQueries.Count} tag queries, {paraphrases.Count} paraphrase queries; {heldOutUsers.Count} held-out users → {coLiked.Count} co-liked pairs");

        var hybrid = options.Hybrid;
        RetrievalFusionSelection? selection = null;
        if (options.TuneFusion)
        {
            var trainingUsers = users.Where(u => !heldOutUsers.Contains(u)).ToArray();
            selection = SelectFusion(movies.Items, trainingApplications, trainingUsers, trainingRatings, options, random, progress);
            hybrid = WithLexicalWeights(options.Hybrid, options.Hybrid.LexicalWeight, selection.AnchorLexicalWeight);
        }

        var bm25 = new Bm25Index(catalog);
        var untrained = HashedNgramModel.CreateRandom(options.Training.Buckets, options.Training.Dims, options.Training.OutputDims, new Random(options.Training.Seed));
        progress?.Report("training the encoder on the training split");
        var trained = EncoderTrainer.Train(catalog, trainingRatings, options.Training, new Progress<EncoderTrainingProgress>(p =>
        {
            if (p.Batch == p.Batches)
            {
                progress?.Report(FormattableString.Invariant($"epoch {p.Epoch}/{p.Epochs}: loss {p.Loss:0.0000}"));
            }
        }));

        var descriptions = catalog.Items.Select(i => i.Description).ToArray();
        var untrainedItems = Matrix(untrained.Encode(descriptions), untrained.OutputDims);
        var trainedVectors = trained.Model.Encode(descriptions);
        var trainedItems = Matrix(trainedVectors, trained.Model.OutputDims);

        var tagResult = Evaluate(tagQueries, catalog, bm25, untrained, untrainedItems, trained.Model, trainedItems, hybrid);
        var coLikedResult = Evaluate(coLiked, catalog, bm25, untrained, untrainedItems, trained.Model, trainedItems, hybrid);
        var paraphraseResult = Evaluate(paraphrases, catalog, bm25, untrained, untrainedItems, trained.Model, trainedItems, hybrid);
        if (options.Pretrained.Count > 0)
        {
            var tagExtra = new List<RetrievalMethodRecall>();
            var coLikedExtra = new List<RetrievalMethodRecall>();
            var paraphraseExtra = new List<RetrievalMethodRecall>();
            foreach (var encoder in options.Pretrained)
            {
                var name = encoder.Model.Name;
                progress?.Report($"{name}: embedding {descriptions.Length} item descriptions, {tagQueries.Count} tag and {paraphrases.Count} paraphrase queries");
                var vectors = encoder.EncodeDocuments(descriptions);
                var items = Matrix(vectors, vectors.Length > 0 ? vectors[0].Length : encoder.Dimensions);

                void AddRows(string method, VectorMatrix itemMatrix, float[][] tagVectors, float[][] paraphraseVectors)
                {
                    var (tagVector, tagHybrid) = EvaluatePretrained(tagQueries, tagVectors, catalog, bm25, itemMatrix, hybrid);
                    var (coVector, coHybrid) = EvaluatePretrained(coLiked, null, catalog, bm25, itemMatrix, hybrid);
                    var (paraphraseVector, paraphraseHybrid) = EvaluatePretrained(paraphrases, paraphraseVectors, catalog, bm25, itemMatrix, hybrid);
                    tagExtra.Add(new RetrievalMethodRecall(method, tagVector));
                    tagExtra.Add(new RetrievalMethodRecall($"hybrid:{method}", tagHybrid));
                    coLikedExtra.Add(new RetrievalMethodRecall(method, coVector));
                    coLikedExtra.Add(new RetrievalMethodRecall($"hybrid:{method}", coHybrid));
                    paraphraseExtra.Add(new RetrievalMethodRecall(method, paraphraseVector));
                    paraphraseExtra.Add(new RetrievalMethodRecall($"hybrid:{method}", paraphraseHybrid));
                }

                var tagVectors = encoder.EncodeQueries([.. tagQueries.Select(q => q.Text)]);
                var paraphraseVectors = encoder.EncodeQueries([.. paraphrases.Select(q => q.Text)]);
                AddRows(name, items, tagVectors, paraphraseVectors);
                if (options.EncoderFusionWeights.Count > 0)
                {
                    var ownTags = trained.Model.Encode([.. tagQueries.Select(q => q.Text)]);
                    var ownParaphrases = trained.Model.Encode([.. paraphrases.Select(q => q.Text)]);
                    foreach (var weight in options.EncoderFusionWeights)
                    {
                        // Items as documents, requests with the encoder's query prefix, as the service's fused encoder embeds them.
                        var fusedItems = Fused(trainedVectors, vectors, weight);
                        AddRows(
                            FormattableString.Invariant($"fused:own+{name}@{weight}"), Matrix(fusedItems, fusedItems.Length > 0 ? fusedItems[0].Length : 0),
                            Fused(ownTags, tagVectors, weight), Fused(ownParaphrases, paraphraseVectors, weight));
                    }
                }

                if (options.Adapter is { } adapterOptions)
                {
                    progress?.Report($"{name}: training a linear adapter over it on the training split");
                    var adapter = PretrainedAdapterRows.Train(catalog, trainingRatings, encoder, vectors, adapterOptions);
                    var adapted = Matrix(PretrainedAdapterRows.Apply(adapter, vectors), adapter.OutputDims);

                    // Requests go through the adapter as documents: so it was trained on them, and so the service's adapted encoder embeds them.
                    AddRows(
                        $"fineTuned:{name}", adapted,
                        PretrainedAdapterRows.Apply(adapter, encoder.EncodeDocuments([.. tagQueries.Select(q => q.Text)])),
                        PretrainedAdapterRows.Apply(adapter, encoder.EncodeDocuments([.. paraphrases.Select(q => q.Text)])));
                }
            }

            tagResult = tagResult with { Pretrained = tagExtra };
            coLikedResult = coLikedResult with { Pretrained = coLikedExtra };
            paraphraseResult = paraphraseResult with { Pretrained = paraphraseExtra };
        }

        return new RetrievalEvaluationResult(
            tagResult, coLikedResult, catalog.Count, users.Length - heldOutUsers.Count, heldOutUsers.Count, heldOutCount,
            trained.Manifest.Metrics?.Seconds ?? 0, clock.Elapsed)
        {
            Fusion = selection,
            FusionSettings = hybrid,
            Paraphrase = paraphraseResult,
        };
    }

    /// <summary>One query: its text, the catalog item it was made from (excluded from results; -1 for none), and the target.</summary>
    internal sealed record Query(string Text, int SourceItem, int Target);

    /// <summary>
    /// Holds out a seeded share of tag applications: the catalog's descriptions are rebuilt from the rest, which are
    /// also returned (in their order) so that a validation split can be drawn from them alone.
    /// </summary>
    private static (ItemCatalog Catalog, Dictionary<string, List<string>> HeldOutTags, List<(string Item, string Tag)> Kept) SplitTags(
        IReadOnlyList<CatalogItem> items, List<(string Item, string Tag)> applications, double fraction, Random random)
    {
        var order = Enumerable.Range(0, applications.Count).ToArray();
        random.Shuffle(order);
        var heldOut = new HashSet<int>(order.Take((int)Math.Round(applications.Count * fraction)));
        var keptTags = new Dictionary<string, TagCounter>(StringComparer.Ordinal);
        var heldOutTags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var kept = new List<(string Item, string Tag)>(applications.Count - heldOut.Count);
        for (var a = 0; a < applications.Count; a++)
        {
            var (item, tag) = applications[a];
            if (heldOut.Contains(a))
            {
                (heldOutTags.TryGetValue(item, out var list) ? list : heldOutTags[item] = []).Add(tag);
            }
            else
            {
                (keptTags.TryGetValue(item, out var counter) ? counter : keptTags[item] = new TagCounter()).Add(tag);
                kept.Add((item, tag));
            }
        }

        var rebuilt = new List<CatalogItem>(items.Count);
        foreach (var item in items)
        {
            IReadOnlyList<string> tags = keptTags.TryGetValue(item.Id, out var counter) ? counter.Ranked() : [];
            rebuilt.Add(item with
            {
                Tags = tags,
                Description = ItemText.Describe(item.DisplayTitle, item.Year, item.Genres, tags, item.Creators, item.AlternateTitles),
            });
        }

        return (new ItemCatalog(rebuilt), heldOutTags, kept);
    }

    /// <summary>
    /// Picks <see cref="HybridRetrievalOptions.AnchorLexicalWeight"/> on co-liked pairs of a validation split drawn like
    /// the test split but from the training tags and users only, with an encoder trained without the validation users'
    /// likes or tags. Each weight scores recall@10 + recall@50 per query; the smallest weight within one standard error
    /// (paired over the queries) of the best is taken, so BM25 joins the fusion only where it shows a gain above noise.
    /// </summary>
    private static RetrievalFusionSelection SelectFusion(
        IReadOnlyList<CatalogItem> items, List<(string Item, string Tag)> trainingApplications, string[] trainingUsers,
        List<RatingEvent> trainingRatings, RetrievalEvaluationOptions options, Random random, IProgress<string>? progress)
    {
        var (catalog, _, _) = SplitTags(items, trainingApplications, options.HoldOutFraction, random);
        var users = trainingUsers.Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(users);
        var validationUsers = new HashSet<string>(users.Take((int)Math.Round(users.Length * options.HoldOutFraction)), StringComparer.Ordinal);
        var fitRatings = trainingRatings.Where(r => !validationUsers.Contains(r.UserId)).ToList();
        var coLiked = CoLikedQueries(catalog, trainingRatings, validationUsers, options, random);
        progress?.Report($"validation split of the training data: {coLiked.Count} co-liked pairs; training its encoder");

        var model = EncoderTrainer.Train(catalog, fitRatings, options.Training).Model;
        var itemVectors = Matrix(model.Encode(catalog.Items.Select(i => i.Description).ToArray()), model.OutputDims);
        var grid = options.AnchorLexicalWeightGrid.Order().ToArray();
        var candidates = grid.Select(w => WithLexicalWeights(options.Hybrid, options.Hybrid.LexicalWeight, w)).ToArray();
        var n = coLiked.Count;
        var scores = new int[n, candidates.Length];
        var vectorHits = new int[1, 2];
        var bm25 = new Bm25Index(catalog);
        var gate = new object();
        Parallel.For(0, n, () => new double[catalog.Count], (q, _, fused) =>
        {
            var query = coLiked[q];
            var parts = Rankings(query, catalog, bm25, model, itemVectors, options.Hybrid.FusionDepth);
            for (var c = 0; c < candidates.Length; c++)
            {
                var rank = Rank(Hybrid(query, parts, candidates[c], fused), query.Target);
                scores[q, c] = rank < 0 ? 0 : rank < 10 ? 2 : 1;
            }

            var vector = Rank(parts.Vector, query.Target);
            lock (gate)
            {
                Count(vectorHits, 0, vector);
            }

            return fused;
        }, _ => { });

        var sweep = new RetrievalWeightRecall[candidates.Length];
        var totals = new int[candidates.Length];
        var best = 0;
        for (var c = 0; c < candidates.Length; c++)
        {
            int at10 = 0, at50 = 0;
            for (var q = 0; q < n; q++)
            {
                at10 += scores[q, c] == 2 ? 1 : 0;
                at50 += scores[q, c] > 0 ? 1 : 0;
            }

            totals[c] = at10 + at50;
            sweep[c] = new RetrievalWeightRecall(grid[c], new RetrievalRecall((double)at10 / Math.Max(1, n), (double)at50 / Math.Max(1, n)));
            best = totals[c] > totals[best] ? c : best;
        }

        var picked = best;
        for (var c = 0; c < best; c++)
        {
            if (WithinOneStandardError(scores, best, c, n))
            {
                picked = c;
                break;
            }
        }

        var fineTuned = new RetrievalRecall((double)vectorHits[0, 0] / Math.Max(1, n), (double)vectorHits[0, 1] / Math.Max(1, n));
        return new RetrievalFusionSelection(grid[picked], n, fineTuned, sweep);
    }

    /// <summary>Whether candidate <paramref name="c"/>'s per-query score trails <paramref name="best"/>'s by at most one standard error of the paired difference.</summary>
    private static bool WithinOneStandardError(int[,] scores, int best, int c, int n)
    {
        if (n < 2)
        {
            return true;
        }

        double sum = 0, squares = 0;
        for (var q = 0; q < n; q++)
        {
            double d = scores[q, best] - scores[q, c];
            sum += d;
            squares += d * d;
        }

        var mean = sum / n;
        var variance = Math.Max(0, (squares - (n * mean * mean)) / (n - 1));
        return mean <= Math.Sqrt(variance / n);
    }

    /// <summary>A copy of <paramref name="options"/> with the two BM25 weights replaced.</summary>
    private static HybridRetrievalOptions WithLexicalWeights(HybridRetrievalOptions options, double lexicalWeight, double anchorLexicalWeight)
    {
        var copy = options.Copy();
        copy.LexicalWeight = lexicalWeight;
        copy.AnchorLexicalWeight = anchorLexicalWeight;
        return copy;
    }

    private static List<(string Item, string Tag)> ReadTagApplications(string path, List<CatalogLoadIssue> issues)
    {
        var result = new List<(string, string)>();
        foreach (var row in CsvFile.ReadRows(path, issues, "movieId", "tag"))
        {
            var tag = row[1].Trim();
            if (tag.Length > 0)
            {
                result.Add((row[0].Trim(), tag));
            }
        }

        return result;
    }

    private static List<Query> TagQueries(ItemCatalog catalog, Dictionary<string, List<string>> heldOutTags, RetrievalEvaluationOptions options, Random random)
    {
        var queries = new List<Query>();
        foreach (var (index, item, tags) in HeldOutTagged(catalog, heldOutTags))
        {
            // Only tags the description does not already carry: the query must not be a copy of the item's text.
            var known = new HashSet<string>(item.Tags, StringComparer.OrdinalIgnoreCase);
            var fresh = tags.Where(t => !known.Contains(t)).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            queries.Add(new Query(RequestTexts.Compose(item.Genres, fresh, null, item.Domain), -1, index));
        }

        return Sample(queries, options.MaxQueriesPerTask, random);
    }

    private static List<Query> CoLikedQueries(
        ItemCatalog catalog, IReadOnlyList<RatingEvent> ratings, HashSet<string> heldOutUsers, RetrievalEvaluationOptions options, Random random)
    {
        var likes = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var r in ratings)
        {
            if (r.Rating >= options.Training.LikeThreshold && heldOutUsers.Contains(r.UserId) && catalog.IndexOf(r.ItemId) is var i and >= 0)
            {
                (likes.TryGetValue(r.UserId, out var list) ? list : likes[r.UserId] = []).Add(i);
            }
        }

        var queries = new List<Query>();
        foreach (var liked in likes.Values)
        {
            if (liked.Count < 2)
            {
                continue;
            }

            var shuffled = liked.ToArray();
            random.Shuffle(shuffled);
            for (var p = 0; p < Math.Min(options.PairsPerUser, shuffled.Length / 2); p++)
            {
                var source = shuffled[2 * p];
                queries.Add(new Query(catalog.Items[source].Description, source, shuffled[(2 * p) + 1]));
            }
        }

        return Sample(queries, options.MaxQueriesPerTask, random);
    }

    /// <summary>The catalog items with held-out tags, in id order: each one's index, the item and the tags held out from it.</summary>
    internal static IEnumerable<(int Index, CatalogItem Item, List<string> Tags)> HeldOutTagged(ItemCatalog catalog, Dictionary<string, List<string>> heldOutTags)
    {
        foreach (var (id, tags) in heldOutTags.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var index = catalog.IndexOf(id);
            if (index >= 0)
            {
                yield return (index, catalog.Items[index], tags);
            }
        }
    }

    internal static List<Query> Sample(List<Query> queries, int max, Random random)
    {
        if (queries.Count <= max)
        {
            return queries;
        }

        var array = queries.ToArray();
        random.Shuffle(array);
        return [.. array.Take(max)];
    }

    /// <summary>Row by row, the own encoder's vector fused with the pretrained one's (<see cref="EncoderSimilarityFusion"/>).</summary>
    private static float[][] Fused(float[][] own, float[][] pretrained, double pretrainedWeight)
    {
        var result = new float[own.Length][];
        for (var i = 0; i < own.Length; i++)
        {
            result[i] = EncoderSimilarityFusion.Concatenate(own[i], pretrained[i], pretrainedWeight);
        }

        return result;
    }

    private static VectorMatrix Matrix(float[][] rows, int dims)
    {
        var matrix = new VectorMatrix(dims, rows.Length);
        foreach (var row in rows)
        {
            matrix.Add(row);
        }

        return matrix;
    }

    private static RetrievalTaskResult Evaluate(
        List<Query> queries, ItemCatalog catalog, Bm25Index bm25, HashedNgramModel untrained, VectorMatrix untrainedItems,
        HashedNgramModel trained, VectorMatrix trainedItems, HybridRetrievalOptions hybrid)
    {
        var hits = new int[4, 2];
        var gate = new object();
        Parallel.For(0, queries.Count, () => new double[catalog.Count], (q, _, fused) =>
        {
            var query = queries[q];
            var parts = Rankings(query, catalog, bm25, trained, trainedItems, hybrid.FusionDepth);
            var untrainedVector = query.SourceItem >= 0 ? untrainedItems.Row(query.SourceItem).ToArray() : untrained.Encode(untrained.Featurizer.Featurize(query.Text));
            var untrainedRanking = untrainedItems.Search(untrainedVector, Depth, i => i != query.SourceItem).Select(r => r.Row).ToArray();
            int lexical = Rank(parts.Lexical, query.Target), untrainedRank = Rank(untrainedRanking, query.Target);
            int vector = Rank(parts.Vector, query.Target), fusedRank = Rank(Hybrid(query, parts, hybrid, fused), query.Target);
            lock (gate)
            {
                Count(hits, 0, lexical);
                Count(hits, 1, untrainedRank);
                Count(hits, 2, vector);
                Count(hits, 3, fusedRank);
            }

            return fused;
        }, _ => { });

        var n = Math.Max(1, queries.Count);
        RetrievalRecall Recall(int m) => new((double)hits[m, 0] / n, (double)hits[m, 1] / n);
        return new RetrievalTaskResult(queries.Count, Recall(0), Recall(1), Recall(2), Recall(3));
    }

    /// <summary>
    /// Recall of a pretrained encoder alone and fused with BM25 as the service fuses: tag and paraphrase queries embedded as search
    /// queries (<paramref name="queryVectors"/>, in query order), co-liked queries by their source item's vector.
    /// </summary>
    private static (RetrievalRecall Vector, RetrievalRecall Hybrid) EvaluatePretrained(
        List<Query> queries, float[][]? queryVectors, ItemCatalog catalog, Bm25Index bm25, VectorMatrix items, HybridRetrievalOptions hybrid)
    {
        var hits = new int[2, 2];
        var gate = new object();
        Parallel.For(0, queries.Count, () => new double[catalog.Count], (q, _, fused) =>
        {
            var query = queries[q];
            var vector = query.SourceItem >= 0 ? items.Row(query.SourceItem).ToArray() : queryVectors![q];
            var parts = Rankings(query, catalog, bm25, vector, items, hybrid.FusionDepth);
            int vectorRank = Rank(parts.Vector, query.Target), fusedRank = Rank(Hybrid(query, parts, hybrid, fused), query.Target);
            lock (gate)
            {
                Count(hits, 0, vectorRank);
                Count(hits, 1, fusedRank);
            }

            return fused;
        }, _ => { });

        var n = Math.Max(1, queries.Count);
        return (new RetrievalRecall((double)hits[0, 0] / n, (double)hits[0, 1] / n), new RetrievalRecall((double)hits[1, 0] / n, (double)hits[1, 1] / n));
    }

    /// <summary>One query's rankings to the fusion depth, its source item excluded as the service excludes named titles.</summary>
    private sealed record QueryRankings(int[] Lexical, int[] Vector);

    /// <summary>
    /// BM25 of a tag or paraphrase query's words, or of a co-liked source item's genres, tags and authors as the service queries a
    /// named title; the encoder's ranking of the query text, or of the source item's own vector.
    /// </summary>
    private static QueryRankings Rankings(Query query, ItemCatalog catalog, Bm25Index bm25, HashedNgramModel model, VectorMatrix items, int depth) =>
        Rankings(query, catalog, bm25, query.SourceItem >= 0 ? items.Row(query.SourceItem).ToArray() : model.Encode(model.Featurizer.Featurize(query.Text)), items, depth);

    private static QueryRankings Rankings(Query query, ItemCatalog catalog, Bm25Index bm25, float[] vector, VectorMatrix items, int depth)
    {
        bool Include(int i) => i != query.SourceItem;
        var scores = new double[catalog.Count];
        bm25.Score(query.SourceItem >= 0 ? LexicalQuery.AnchorTokens(catalog.Items[query.SourceItem]) : TextTokens.Tokenize(query.Text, dropStopWords: true), scores);
        var lexical = TopK.Best(scores, depth, Include);
        return new QueryRankings(lexical, [.. items.Search(vector, depth, Include).Select(r => r.Row)]);
    }

    /// <summary>
    /// The service's fusion of the query's rankings; a co-liked query is a "similar" request anchored on its source
    /// item. Distinct matches are left out: a tag or paraphrase query's words are by construction absent from its target's text, so
    /// the items they single out are never the target (the service's distinct matches have their own tests).
    /// </summary>
    private static int[] Hybrid(Query query, QueryRankings parts, HybridRetrievalOptions hybrid, double[] fused)
    {
        Array.Clear(fused);
        var anchored = query.SourceItem >= 0;
        RetrievalChannelFusion.Fuse(
            hybrid.ChannelWeights(), anchored, hasTopics: false, parts.Lexical.Length > 0 ? parts.Lexical : null, ArraySegment<int>.Empty,
            anchored ? null : parts.Vector, anchored ? parts.Vector : null, fused);
        return TopK.Best(fused, Depth);
    }

    /// <summary>The target's 0-based rank within the first <see cref="Depth"/> of <paramref name="ranking"/>; -1 when absent.</summary>
    private static int Rank(int[] ranking, int target) => Array.IndexOf(ranking, target, 0, Math.Min(Depth, ranking.Length));

    private static void Count(int[,] hits, int method, int rank)
    {
        if (rank >= 0)
        {
            hits[method, 1]++;
            if (rank < 10)
            {
                hits[method, 0]++;
            }
        }
    }
}
