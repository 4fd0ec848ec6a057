using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;

namespace AgentRec.Core.Training;

/// <summary>Where training is: epoch, batch and the running loss.</summary>
public readonly record struct EncoderTrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss);

/// <summary>
/// Trains the hashed n-gram encoder from scratch with in-batch softmax (InfoNCE, symmetric, temperature-scaled cosine)
/// on pairs mined from the catalog: request-like texts ↔ item descriptions, and descriptions of items liked by the
/// same user. Adagrad (one accumulator per table row) updates the n-gram table sparsely; Adam updates the projection.
/// Deterministic for a seed: the batch maths runs in parallel but every reduction has a fixed order.
/// </summary>
public static class EncoderTrainer
{
    /// <summary>Trains on the loaded catalog and all its ratings.</summary>
    public static TrainedEncoder Train(
        LoadedCatalog loaded, EncoderTrainingOptions options, IProgress<EncoderTrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return Train(loaded.Catalog, loaded.Ratings, options, progress, cancellationToken);
    }

    /// <summary>Trains on <paramref name="catalog"/> and the likes among <paramref name="ratings"/> (e.g. only the training users).</summary>
    public static TrainedEncoder Train(
        ItemCatalog catalog,
        IReadOnlyList<RatingEvent> ratings,
        EncoderTrainingOptions options,
        IProgress<EncoderTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var model = HashedNgramModel.CreateRandom(options.Buckets, options.Dims, options.OutputDims, random);
        var featurizer = model.Featurizer;

        var itemFeatures = new HashedFeatures[catalog.Count];
        Parallel.For(0, catalog.Count, Parallelism(options), i => itemFeatures[i] = featurizer.Featurize(catalog.Items[i].Description));
        var likes = TrainingPairs.LikesByUser(catalog, ratings, options.LikeThreshold);
        var likeCount = likes.Sum(l => l.Length);

        var state = new OptimizerState(model);
        var epochLoss = new List<double>();
        long pairsSeen = 0;
        int queryPairs = 0, coLikedPairs = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (options.TimeBudget is { } budget && clock.Elapsed > budget)
            {
                break;
            }

            var pairs = MinePairs(catalog, itemFeatures, likes, options, random, out queryPairs, out coLikedPairs);
            var batches = (pairs.Count + options.BatchSize - 1) / options.BatchSize;
            double lossSum = 0;
            for (var b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = b * options.BatchSize;
                var count = Math.Min(options.BatchSize, pairs.Count - start);
                if (count < 2)
                {
                    continue;
                }

                var loss = Step(model, state, pairs.GetRange(start, count), options);
                lossSum += loss;
                pairsSeen += count;
                if (progress is not null && (b % 20 == 0 || b == batches - 1))
                {
                    progress.Report(new EncoderTrainingProgress(epoch + 1, options.Epochs, b + 1, batches, lossSum / (b + 1)));
                }
            }

            epochLoss.Add(Math.Round(lossSum / Math.Max(1, batches), 5));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var manifest = new EncoderManifest
        {
            Seed = options.Seed,
            Buckets = options.Buckets,
            Dims = options.Dims,
            OutputDims = options.OutputDims,
            MaxFeatures = featurizer.MaxFeatures,
            Temperature = options.Temperature,
            BatchSize = options.BatchSize,
            Data = new EncoderTrainingData(catalog.Count, likes.Count, likeCount, queryPairs, coLikedPairs, CatalogFingerprint(catalog)),
            Metrics = EncoderTrainingMetrics.Of(epochLoss, seconds, pairsSeen),
        };
        return new TrainedEncoder(model, manifest);
    }

    /// <summary>A short hash of every item's id and description: the catalog half of the vector cache key.</summary>
    public static string CatalogFingerprint(ItemCatalog catalog) => Catalog.CatalogFingerprint.Of(catalog);

    private static ParallelOptions Parallelism(EncoderTrainingOptions options) =>
        new() { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };

    private static List<(HashedFeatures A, HashedFeatures B)> MinePairs(
        ItemCatalog catalog, HashedFeatures[] itemFeatures, List<int[]> likes, EncoderTrainingOptions options, Random random,
        out int queryPairs, out int coLikedPairs)
    {
        var mined = TrainingPairs.Mine(catalog, likes, options.QueriesPerItem, options.MaxPairsPerUser, random);
        var queryFeatures = new HashedFeatures[mined.Queries.Length];
        var featurizer = new HashedNgramFeaturizer(options.Buckets);
        Parallel.For(0, mined.Queries.Length, Parallelism(options), k => queryFeatures[k] = featurizer.Featurize(mined.Queries[k]));
        queryPairs = mined.QueryPairs;
        coLikedPairs = mined.CoLikedPairs;
        HashedFeatures Of(int endpoint) => endpoint < 0 ? queryFeatures[TrainingPairs.QueryIndex(endpoint)] : itemFeatures[endpoint];
        return [.. mined.Pairs.Select(pair => (Of(pair.A), Of(pair.B)))];
    }

    private sealed class OptimizerState(HashedNgramModel model)
    {
        public float[] RowAccumulator { get; } = new float[model.Buckets];
        public float[] ProjectionMean { get; } = new float[model.Projection.Length];
        public float[] ProjectionVariance { get; } = new float[model.Projection.Length];
        public int Steps { get; set; }
    }

    private static double Step(HashedNgramModel model, OptimizerState state, List<(HashedFeatures A, HashedFeatures B)> batch, EncoderTrainingOptions options)
    {
        int n = batch.Count, d = model.Dims, p = model.OutputDims;
        var texts = 2 * n;
        var pooled = new float[texts * d];
        var z = new float[texts * p];
        var norms = new float[texts];
        var po = Parallelism(options);

        // Forward: rows 0..n-1 are the A side, n..2n-1 the B side.
        Parallel.For(0, texts, po, k =>
        {
            var f = k < n ? batch[k].A : batch[k - n].B;
            var s = pooled.AsSpan(k * d, d);
            var h = z.AsSpan(k * p, p);
            model.Pool(f, s);
            model.Project(s, h);
            norms[k] = Math.Max(TensorPrimitives.Norm(h), 1e-12f);
            TensorPrimitives.Divide(h, norms[k], h);
        });

        var dh = new float[texts * p];
        var loss = InfoNce.Backward(z, norms, n, p, options.Temperature, po, dh);

        // ds = W·dh for every text, with the projection before its update.
        var ds = new float[texts * d];
        var w = model.Projection;
        Parallel.For(0, texts, po, k =>
        {
            var dhk = dh.AsSpan(k * p, p);
            for (var r = 0; r < d; r++)
            {
                ds[(k * d) + r] = TensorPrimitives.Dot(w.AsSpan(r * p, p), dhk);
            }
        });

        // dW[r,:] = Σ_k s_k[r]·dh_k, one row per task so the sum order is fixed; then Adam.
        state.Steps++;
        var rate = Adam.CorrectedRate(options.ProjectionLearningRate, state.Steps);
        Parallel.For(0, d, po, r =>
        {
            Span<float> gRow = stackalloc float[p];
            gRow.Clear();
            for (var k = 0; k < texts; k++)
            {
                var s = pooled[(k * d) + r];
                if (s != 0)
                {
                    TensorPrimitives.MultiplyAdd(dh.AsSpan(k * p, p), s, gRow, gRow);
                }
            }

            Adam.Update(w, state.ProjectionMean, state.ProjectionVariance, r * p, gRow, rate);
        });

        // Sparse row-wise Adagrad on the n-gram table, in text order (deterministic).
        var table = model.Embeddings;
        var acc = state.RowAccumulator;
        Span<float> g = stackalloc float[d];
        for (var k = 0; k < texts; k++)
        {
            var f = k < n ? batch[k].A : batch[k - n].B;
            var dsk = ds.AsSpan(k * d, d);
            for (var i = 0; i < f.Count; i++)
            {
                var id = f.Ids[i];
                TensorPrimitives.Multiply(dsk, f.Weights[i], g);
                acc[id] += TensorPrimitives.SumOfSquares(g) / d;
                var step = -options.EmbeddingLearningRate / MathF.Sqrt(acc[id] + 1e-10f);
                var row = table.AsSpan(id * d, d);
                TensorPrimitives.MultiplyAdd(g, step, row, row);
            }
        }

        return loss;
    }
}
