using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Adapter;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Training;

/// <summary>Where adapter training is: the phase ("embedding", "training"), progress within it and the running loss.</summary>
public readonly record struct AdapterTrainingProgress(string Phase, int Done, int Total, int Epoch, double Loss);

/// <summary>A trained adapter and its manifest (base model fields filled by the caller that knows the base folder).</summary>
public sealed record TrainedAdapter(LinearAdapter Adapter, AdapterManifest Manifest)
{
    /// <summary>Writes adapter.onnx and adapter.json into <paramref name="directory"/>; returns the manifest written (with the graph's sha256).</summary>
    public AdapterManifest Save(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var bytes = Adapter.ToOnnx();
        var path = Path.Combine(directory, AdapterManifest.ModelFileName);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
        var manifest = Manifest with { ModelSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) };
        manifest.Write(directory);
        return manifest;
    }
}

/// <summary>
/// Fine-tunes a pretrained encoder by a linear adapter on its output, the encoder itself frozen: every item
/// description and mined request is embedded once by the base, then W (started at the identity) is trained with the
/// same in-batch softmax (InfoNCE) and pairs as the default encoder (request ↔ item, co-liked item ↔ item), by Adam.
/// A slice of the sampled requests is held out to report recall@10 of their items before and after.
/// </summary>
public static class AdapterTrainer
{
    /// <summary>Trains an adapter for <paramref name="baseEncoder"/> on <paramref name="catalog"/> and the likes in <paramref name="ratings"/>.</summary>
    public static async Task<TrainedAdapter> TrainAsync(
        ItemCatalog catalog,
        IReadOnlyList<RatingEvent> ratings,
        IEmbeddingGenerator<string, Embedding<float>> baseEncoder,
        AdapterTrainingOptions options,
        IProgress<AdapterTrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(baseEncoder);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var likes = TrainingPairs.LikesByUser(catalog, ratings, options.LikeThreshold);
        var mined = TrainingPairs.Mine(catalog, likes, options.QueriesPerItem, options.MaxPairsPerUser, random);

        // Hold out requests (and their pairs) for validation.
        var heldOut = new HashSet<int>();
        foreach (var (a, _) in mined.Pairs)
        {
            if (a < 0 && heldOut.Count < options.ValidationRequests)
            {
                heldOut.Add(a);
            }
        }

        var training = mined.Pairs.Where(p => !heldOut.Contains(p.A)).ToArray();
        var validation = mined.Pairs.Where(p => heldOut.Contains(p.A)).ToArray();

        var texts = new List<string>(catalog.Count + mined.Queries.Length);
        texts.AddRange(catalog.Items.Select(i => i.Description));
        texts.AddRange(mined.Queries);
        var vectors = await EmbedAsync(baseEncoder, texts, options, progress, cancellationToken).ConfigureAwait(false);
        var d = vectors.Length / texts.Count;
        int Row(int endpoint) => endpoint >= 0 ? endpoint : catalog.Count + TrainingPairs.QueryIndex(endpoint);

        // Start from the identity around the embeddings' mean: the base ranking without its common direction.
        var centre = new float[d];
        for (var t = 0; t < texts.Count; t++)
        {
            TensorPrimitives.Add(centre, vectors.AsSpan(t * d, d), centre);
        }

        TensorPrimitives.Divide(centre, texts.Count, centre);
        var adapter = new LinearAdapter(d, d, LinearAdapter.Identity(d).Weights, centre);
        var baseRecall = Recall(LinearAdapter.Identity(d), vectors, d, catalog.Count, validation, Row, options);
        var state = new AdamState(adapter.Weights.Length);
        var epochLoss = new List<double>();
        long pairsSeen = 0;
        var batches = (training.Length + options.BatchSize - 1) / options.BatchSize;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(training);
            double lossSum = 0;
            var counted = 0;
            for (var b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = training.AsSpan(b * options.BatchSize, Math.Min(options.BatchSize, training.Length - (b * options.BatchSize)));
                if (batch.Length < 2)
                {
                    continue;
                }

                lossSum += Step(adapter, state, vectors, d, batch, Row, options);
                counted++;
                pairsSeen += batch.Length;
                if (progress is not null && (b % 20 == 0 || b == batches - 1))
                {
                    progress.Report(new AdapterTrainingProgress("training", (epoch * batches) + b + 1, options.Epochs * batches, epoch + 1, lossSum / counted));
                }
            }

            epochLoss.Add(Math.Round(lossSum / Math.Max(1, counted), 5));
        }

        var adaptedRecall = Recall(adapter, vectors, d, catalog.Count, validation, Row, options);
        var seconds = clock.Elapsed.TotalSeconds;
        var manifest = new AdapterManifest
        {
            InputDims = d,
            OutputDims = d,
            Seed = options.Seed,
            Temperature = options.Temperature,
            BatchSize = options.BatchSize,
            Data = new EncoderTrainingData(catalog.Count, likes.Count, likes.Sum(l => l.Length), mined.QueryPairs - validation.Length, mined.CoLikedPairs, EncoderTrainer.CatalogFingerprint(catalog)),
            Metrics = EncoderTrainingMetrics.Of(epochLoss, seconds, pairsSeen),
            Validation = new AdapterValidation(validation.Length, Math.Round(baseRecall, 4), Math.Round(adaptedRecall, 4)),
        };
        return new TrainedAdapter(adapter, manifest);
    }

    private static async Task<float[]> EmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> encoder, List<string> texts, AdapterTrainingOptions options, IProgress<AdapterTrainingProgress>? progress, CancellationToken ct)
    {
        float[]? all = null;
        var d = 0;
        for (var start = 0; start < texts.Count; start += options.EmbedBatchSize)
        {
            var count = Math.Min(options.EmbedBatchSize, texts.Count - start);
            var embedded = await encoder.GenerateAsync(texts.GetRange(start, count), cancellationToken: ct).ConfigureAwait(false);
            for (var i = 0; i < embedded.Count; i++)
            {
                var v = embedded[i].Vector.Span;
                if (all is null)
                {
                    d = v.Length;
                    all = new float[texts.Count * d];
                }

                if (v.Length != d)
                {
                    throw new InvalidDataException($"The base encoder gave embeddings of {v.Length} and {d} dimensions.");
                }

                // Unit length in: the adapter's input is the base encoder's normalised embedding.
                var row = all.AsSpan((start + i) * d, d);
                v.CopyTo(row);
                TensorPrimitives.Divide(row, Math.Max(TensorPrimitives.Norm(row), 1e-12f), row);
            }

            progress?.Report(new AdapterTrainingProgress("embedding", start + count, texts.Count, 0, 0));
        }

        return all ?? [];
    }

    private sealed class AdamState(int size)
    {
        public float[] Mean { get; } = new float[size];
        public float[] Variance { get; } = new float[size];
        public int Steps { get; set; }
    }

    private static double Step(
        LinearAdapter adapter, AdamState state, float[] vectors, int d, ReadOnlySpan<(int A, int B)> batch, Func<int, int> row, AdapterTrainingOptions options)
    {
        var n = batch.Length;
        var texts = 2 * n;
        var p = adapter.OutputDims;
        var rows = new int[texts];
        for (var k = 0; k < n; k++)
        {
            rows[k] = row(batch[k].A);
            rows[n + k] = row(batch[k].B);
        }

        var po = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        var z = new float[texts * p];
        var norms = new float[texts];
        Parallel.For(0, texts, po, k =>
        {
            var h = z.AsSpan(k * p, p);
            norms[k] = Math.Max(adapter.Project(vectors.AsSpan(rows[k] * d, d), h), 1e-12f);
            TensorPrimitives.Divide(h, norms[k], h);
        });

        var dh = new float[texts * p];
        var loss = InfoNce.Backward(z, norms, n, p, options.Temperature, po, dh);

        // dW[r,:] = Σ_k dh_k[r]·(x_k − c), a row per task (fixed sum order); then Adam.
        state.Steps++;
        var rate = Adam.CorrectedRate(options.LearningRate, state.Steps);
        var centred = new float[texts * d];
        for (var k = 0; k < texts; k++)
        {
            TensorPrimitives.Subtract(vectors.AsSpan(rows[k] * d, d), adapter.Centre, centred.AsSpan(k * d, d));
        }

        Parallel.For(0, p, po, r =>
        {
            var gRow = new float[d];
            for (var k = 0; k < texts; k++)
            {
                var g = dh[(k * p) + r];
                if (g != 0)
                {
                    TensorPrimitives.MultiplyAdd(centred.AsSpan(k * d, d), g, gRow, gRow);
                }
            }

            Adam.Update(adapter.Weights, state.Mean, state.Variance, r * d, gRow, rate);
        });

        return loss;
    }

    /// <summary>Recall@10 of each held-out request's item among all items, through <paramref name="adapter"/>.</summary>
    private static double Recall(
        LinearAdapter adapter, float[] vectors, int d, int items, (int A, int B)[] validation, Func<int, int> row, AdapterTrainingOptions options)
    {
        if (validation.Length == 0)
        {
            return double.NaN;
        }

        var p = adapter.OutputDims;
        var itemMatrix = new float[items * p];
        var po = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : -1 };
        Parallel.For(0, items, po, i => adapter.Apply(vectors.AsSpan(i * d, d), itemMatrix.AsSpan(i * p, p)));
        var hits = 0;
        Parallel.For(0, validation.Length, po, () => 0, (v, _, local) =>
        {
            var query = new float[p];
            adapter.Apply(vectors.AsSpan(row(validation[v].A) * d, d), query);
            var target = validation[v].B;
            var targetScore = TensorPrimitives.Dot(query, itemMatrix.AsSpan(target * p, p));
            var better = 0;
            for (var i = 0; i < items && better < 10; i++)
            {
                if (i != target && TensorPrimitives.Dot(query, itemMatrix.AsSpan(i * p, p)) > targetScore)
                {
                    better++;
                }
            }

            return local + (better < 10 ? 1 : 0);
        }, local => Interlocked.Add(ref hits, local));
        return hits / (double)validation.Length;
    }
}
