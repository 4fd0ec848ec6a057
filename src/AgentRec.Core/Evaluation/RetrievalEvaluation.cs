using System.Diagnostics;
using AgentRec.Core.Catalog;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// The offline protocol of <c>eval retrieval --data DIR</c> on a MovieLens-format folder. A seeded 20% of tag
/// applications and 20% of users are held out; item descriptions are rebuilt from the remaining tags and the encoder
/// is trained only on those descriptions and the remaining users' likes. Tasks: <b>tagQuery</b> — a request built from
/// an item's held-out tags (absent from its description) and its genres must retrieve the item; <b>coLiked</b> — an
/// item liked by a held-out user must retrieve another item that user liked. Recall@10/@50 (hit rate of the target)
/// for BM25 (lexical), the randomly initialised encoder (untrained), the trained encoder (fineTuned) and the
/// reciprocal-rank fusion of BM25 and the trained encoder with the service's weights (hybrid: the request vector's
/// weight for tag queries, the named title's for co-liked queries).
/// </summary>
public static class RetrievalEvaluation
{
    private const int Depth = 50;

    /// <summary>Runs the protocol; throws <see cref="CatalogLoadException"/> when the folder is missing or unusable.</summary>
    public static RetrievalEvaluationResult Run(string folder, RetrievalEvaluationOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new RetrievalEvaluationOptions();
        if (!Directory.Exists(folder))
        {
            throw new CatalogLoadException($"Retrieval data folder '{folder}' does not exist.");
        }

        var clock = Stopwatch.StartNew();
        var issues = new List<CatalogLoadIssue>();
        var movies = MovieLensLoader.Load(folder, issues);
        var applications = ReadTagApplications(Path.Combine(folder, "tags.csv"), issues);
        if (issues.Count > options.MaxIssues)
        {
            throw new CatalogLoadException($"'{folder}' has {issues.Count} malformed rows (more than {options.MaxIssues}); first: {issues[0]}");
        }

        if (movies.Ratings.Count == 0)
        {
            throw new CatalogLoadException($"'{folder}' has no usable ratings (ratings.csv with userId,movieId,rating,timestamp is needed).");
        }

        var random = new Random(options.Seed);

        // Hold out tag applications; descriptions are rebuilt from the rest.
        var order = Enumerable.Range(0, applications.Count).ToArray();
        random.Shuffle(order);
        var heldOutCount = (int)Math.Round(applications.Count * options.HoldOutFraction);
        var heldOut = new HashSet<int>(order.Take(heldOutCount));
        var trainingTags = new Dictionary<string, TagCounter>(StringComparer.Ordinal);
        var heldOutTags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var a = 0; a < applications.Count; a++)
        {
            var (item, tag) = applications[a];
            if (heldOut.Contains(a))
            {
                (heldOutTags.TryGetValue(item, out var list) ? list : heldOutTags[item] = []).Add(tag);
            }
            else
            {
                (trainingTags.TryGetValue(item, out var counter) ? counter : trainingTags[item] = new TagCounter()).Add(tag);
            }
        }

        var items = new List<CatalogItem>(movies.Items.Count);
        foreach (var item in movies.Items)
        {
            IReadOnlyList<string> tags = trainingTags.TryGetValue(item.Id, out var counter) ? counter.Ranked() : [];
            items.Add(item with
            {
                Tags = tags,
                Description = ItemText.Describe(item.DisplayTitle, item.Year, item.Genres, tags, item.Creators, item.AlternateTitles),
            });
        }

        var catalog = new ItemCatalog(items);

        // Hold out users; the encoder sees only the others' likes.
        var users = movies.Ratings.Select(r => r.UserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(users);
        var heldOutUsers = new HashSet<string>(users.Take((int)Math.Round(users.Length * options.HoldOutFraction)), StringComparer.Ordinal);
        var trainingRatings = movies.Ratings.Where(r => !heldOutUsers.Contains(r.UserId)).ToList();

        var tagQueries = TagQueries(catalog, heldOutTags, options, random);
        var coLiked = CoLikedQueries(catalog, movies.Ratings, heldOutUsers, options, random);
        progress?.Report($"{catalog.Count} items; {heldOutCount} held-out tag applications → {tagQueries.Count} tag queries; {heldOutUsers.Count} held-out users → {coLiked.Count} co-liked pairs");

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
        var trainedItems = Matrix(trained.Model.Encode(descriptions), trained.Model.OutputDims);

        var tagResult = Evaluate(tagQueries, catalog, bm25, untrained, untrainedItems, trained.Model, trainedItems, options);
        var coLikedResult = Evaluate(coLiked, catalog, bm25, untrained, untrainedItems, trained.Model, trainedItems, options);
        return new RetrievalEvaluationResult(
            tagResult, coLikedResult, catalog.Count, users.Length - heldOutUsers.Count, heldOutUsers.Count, heldOutCount,
            trained.Manifest.Metrics?.Seconds ?? 0, clock.Elapsed);
    }

    /// <summary>One query: its text, the catalog item it was made from (excluded from results; -1 for none), and the target.</summary>
    internal sealed record Query(string Text, int SourceItem, int Target);

    private static List<(string Item, string Tag)> ReadTagApplications(string path, List<CatalogLoadIssue> issues)
    {
        var result = new List<(string, string)>();
        if (!File.Exists(path))
        {
            return result;
        }

        using var reader = CsvFile.OpenReader(path);
        var file = CsvFile.Open(path, reader, "movieId", "tag");
        int movieCol = file.Column("movieId"), tagCol = file.Column("tag");
        foreach (var row in file.Rows)
        {
            if (row.Error is not null || row.Fields.Count < file.ColumnCount)
            {
                issues.Add(new CatalogLoadIssue(file.Name, row.Line, row.Error ?? "too few fields"));
                continue;
            }

            var tag = row.Fields[tagCol].Trim();
            if (tag.Length > 0)
            {
                result.Add((row.Fields[movieCol].Trim(), tag));
            }
        }

        return result;
    }

    private static List<Query> TagQueries(ItemCatalog catalog, Dictionary<string, List<string>> heldOutTags, RetrievalEvaluationOptions options, Random random)
    {
        var queries = new List<Query>();
        foreach (var (id, tags) in heldOutTags.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var index = catalog.IndexOf(id);
            if (index < 0)
            {
                continue;
            }

            var item = catalog.Items[index];
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

    private static List<Query> Sample(List<Query> queries, int max, Random random)
    {
        if (queries.Count <= max)
        {
            return queries;
        }

        var array = queries.ToArray();
        random.Shuffle(array);
        return [.. array.Take(max)];
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
        HashedNgramModel trained, VectorMatrix trainedItems, RetrievalEvaluationOptions options)
    {
        var hits = new int[4, 2];
        var gate = new object();
        Parallel.For(0, queries.Count, q =>
        {
            var query = queries[q];
            bool Include(int i) => i != query.SourceItem;
            var lexical = LexicalRanking(bm25, query.Text, catalog.Count, Include);
            var untrainedVector = query.SourceItem >= 0 ? untrainedItems.Row(query.SourceItem).ToArray() : untrained.Encode(untrained.Featurizer.Featurize(query.Text));
            var trainedVector = query.SourceItem >= 0 ? trainedItems.Row(query.SourceItem).ToArray() : trained.Encode(trained.Featurizer.Featurize(query.Text));
            var untrainedRanking = untrainedItems.Search(untrainedVector, Depth, Include).Select(r => r.Row).ToArray();
            var trainedRanking = trainedItems.Search(trainedVector, Depth, Include).Select(r => r.Row).ToArray();
            var fused = new double[catalog.Count];
            RankFusion.Add(trainedRanking, query.SourceItem >= 0 ? options.HybridAnchorWeight : options.HybridVectorWeight, fused);
            RankFusion.Add(lexical, options.HybridLexicalWeight, fused);
            var hybrid = RankFusion.Top(fused, Depth);
            lock (gate)
            {
                Count(hits, 0, lexical, query.Target);
                Count(hits, 1, untrainedRanking, query.Target);
                Count(hits, 2, trainedRanking, query.Target);
                Count(hits, 3, hybrid, query.Target);
            }
        });

        var n = Math.Max(1, queries.Count);
        RetrievalRecall Recall(int m) => new((double)hits[m, 0] / n, (double)hits[m, 1] / n);
        return new RetrievalTaskResult(queries.Count, Recall(0), Recall(1), Recall(2), Recall(3));
    }

    private static int[] LexicalRanking(Bm25Index bm25, string text, int itemCount, Func<int, bool> include)
    {
        var scores = new double[itemCount];
        bm25.Score(TextTokens.Tokenize(text, dropStopWords: true), scores);
        return RankFusion.Top(scores, Depth, include);
    }

    private static void Count(int[,] hits, int method, IReadOnlyList<int> ranking, int target)
    {
        for (var r = 0; r < ranking.Count && r < Depth; r++)
        {
            if (ranking[r] == target)
            {
                hits[method, 1]++;
                if (r < 10)
                {
                    hits[method, 0]++;
                }

                return;
            }
        }
    }
}
