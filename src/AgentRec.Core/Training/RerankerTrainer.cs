using AgentRec.Core.Catalog;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;

namespace AgentRec.Core.Training;

/// <summary>Settings of <see cref="RerankerTrainer"/>.</summary>
public sealed record RerankerTrainingOptions
{
    /// <summary>Seed of the pseudo-request sampling (same seed, same weights).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Candidates retrieved per request.</summary>
    public int Candidates { get; init; } = 100;

    /// <summary>Full-batch gradient steps.</summary>
    public int Iterations { get; init; } = 400;

    /// <summary>Step size on standardised features.</summary>
    public float LearningRate { get; init; } = 0.5f;

    /// <summary>L2 penalty on the weights.</summary>
    public float L2 { get; init; } = 1e-3f;

    /// <summary>
    /// Which interactions become training requests, counted from the end of each user's sequence: 3 is the one just
    /// before the validation item (2) and the test item (1), which are never trained on.
    /// </summary>
    public IReadOnlyList<int> TrainingPositions { get; init; } = [3, 4, 5, 6];
}

/// <summary>What one request looks like to the trainer: candidate features (row-major) and the picked candidate's row.</summary>
internal sealed record RerankerExample(RecommendationIntent Intent, string Message, ScoredCandidate[] Candidates, float[] Features, int Picked);

/// <summary>
/// Learns the reranker from the interaction log: for a user's interaction at a training position (leave-last-out:
/// never the validation or test item), a pseudo-request is composed from that item's genres, tags and decade, the real
/// retriever fetches candidates for it without the user's earlier items, and the item the user actually picked is the
/// positive. A linear model over standardised <see cref="RerankerFeatures"/> is fitted with the pairwise logistic
/// (RankNet) loss, picked-vs-each-other candidate, by full-batch gradient descent.
/// </summary>
public static class RerankerTrainer
{
    private const int Validation = 2;

    /// <summary>Trains on the movie ratings of <paramref name="loaded"/> and reports NDCG@10 on validation requests.</summary>
    public static async Task<RerankerWeights> TrainAsync(
        LoadedCatalog loaded, RerankerTrainingOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        options ??= new RerankerTrainingOptions();
        var clock = Stopwatch.StartNew();
        var catalog = loaded.Catalog;
        var movieRatings = loaded.Ratings.Where(r => catalog.TryGet(r.ItemId, out var item) && item.Domain == ItemDomain.Movie).ToArray();
        if (movieRatings.Length == 0)
        {
            throw new CatalogLoadException("The catalog has no movie ratings to learn the reranker from.");
        }

        var data = RankingDataset.FromRatings(movieRatings);
        var priors = new ItemPriors(catalog);
        var index = new Bm25Index(catalog);
        var retriever = new LexicalCandidateRetriever(catalog, index, priors);
        var pairs = new LexicalPairScorer(index);
        progress?.Report($"{data.UserCount} users; composing requests and retrieving candidates");

        var training = new List<RerankerExample>();
        foreach (var position in options.TrainingPositions)
        {
            if (position <= Validation)
            {
                throw new ArgumentException("Training positions must come before the validation item (3 or more).", nameof(options));
            }

            await CollectAsync(data, catalog, retriever, priors, pairs, position, options, training, cancellationToken).ConfigureAwait(false);
        }

        var validation = new List<RerankerExample>();
        await CollectAsync(data, catalog, retriever, priors, pairs, Validation, options, validation, cancellationToken).ConfigureAwait(false);
        if (training.Count == 0)
        {
            throw new CatalogLoadException("No training request retrieved the item its user picked; the reranker cannot be learned from this catalog.");
        }

        progress?.Report($"{training.Count} training and {validation.Count} validation requests; fitting");
        var (mean, std) = Standardisation(training);
        var (weights, pairCount, loss) = Fit(training, mean, std, options, cancellationToken);
        var result = new RerankerWeights
        {
            Features = RerankerFeatures.Names,
            Mean = mean,
            Std = std,
            Weights = weights,
        };

        var trained = new TrainedReranker(result, priors, pairs);
        var ndcg = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [RerankerTrainingInfo.RetrievalOrderKey] = Ndcg(validation, (e, i) => -i),
            [RerankerTrainingInfo.HandSetKey] = Ndcg(validation, (e, i) => LinearScore(e.Candidates[i], priors)),
            [RerankerTrainingInfo.TrainedKey] = Ndcg(validation, (e, i) => trained.Score(e.Features.AsSpan(i * RerankerFeatures.Count, RerankerFeatures.Count).ToArray())),
        };
        return result with
        {
            Training = new RerankerTrainingInfo
            {
                Data = string.Join(", ", loaded.Sources.Select(s => s.Name)),
                Seed = options.Seed,
                TrainingRequests = training.Count,
                ValidationRequests = validation.Count,
                Pairs = pairCount,
                Iterations = options.Iterations,
                FinalLoss = Math.Round(loss, 5),
                Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                ValidationNdcgAt10 = ndcg.ToDictionary(p => p.Key, p => Math.Round(p.Value, 4), StringComparer.Ordinal),
            },
        };
    }

    /// <summary>A request <paramref name="item"/> answers: 1–2 of its genres, up to 2 of its top tags as topics, its decade 40% of the time.</summary>
    internal static (RecommendationIntent Intent, string Message) PseudoRequest(CatalogItem item, Random random)
    {
        var genres = item.Genres.Where(g => !g.StartsWith('(')).OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToArray();
        var topics = item.Tags.Take(8).OrderBy(_ => random.Next()).Take(random.Next(3)).ToArray();
        int? decade = item.Year is { } y && random.NextDouble() < 0.4 ? y / 10 * 10 : null;
        var intent = new RecommendationIntent
        {
            Domain = IntentDomains.Movie,
            Genres = genres,
            Keywords = topics,
            YearFrom = decade,
            YearTo = decade + 9,
        };
        return (intent, RequestTexts.Compose(genres, topics, decade, item.Domain));
    }

    private static async Task CollectAsync(
        RankingDataset data, ItemCatalog catalog, LexicalCandidateRetriever retriever, ItemPriors priors, IPairScorer pairs, int position,
        RerankerTrainingOptions options, List<RerankerExample> into, CancellationToken cancellationToken)
    {
        for (var u = 0; u < data.UserCount; u++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sequence = data.Sequence(u);
            if (sequence.Count < position + 1)
            {
                continue;
            }

            var target = catalog.IndexOf(data.ItemIds[data.Target(u, position)]);
            if (target < 0)
            {
                continue;
            }

            // One seeded stream per (user, position): the same request whatever the order of collection, in every
            // process (HashCode is randomised per process, so the seed is mixed by hand).
            var random = new Random(unchecked((options.Seed * 1_000_003) + (u * 131) + position));
            var (intent, message) = PseudoRequest(catalog.Items[target], random);
            var before = data.History(u, position).Items.Span;
            var excluded = new HashSet<string>(StringComparer.Ordinal);
            foreach (var i in before)
            {
                excluded.Add(data.ItemIds[i]);
            }

            var candidates = await retriever.RetrieveAsync(new RetrievalQuery(intent, message, excluded, options.Candidates), cancellationToken).ConfigureAwait(false);
            var picked = -1;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (candidates[i].CatalogIndex == target)
                {
                    picked = i;
                    break;
                }
            }

            if (picked < 0 || candidates.Count < 2)
            {
                continue;
            }

            var features = new float[candidates.Count * RerankerFeatures.Count];
            RerankerFeatures.Extract(intent, message, candidates, priors, pairs, features, cancellationToken);
            into.Add(new RerankerExample(intent, message, [.. candidates], features, picked));
        }
    }

    private static (float[] Mean, float[] Std) Standardisation(List<RerankerExample> examples)
    {
        var f = RerankerFeatures.Count;
        var sum = new double[f];
        var squares = new double[f];
        long rows = 0;
        foreach (var e in examples)
        {
            for (var r = 0; r < e.Candidates.Length; r++)
            {
                for (var k = 0; k < f; k++)
                {
                    var v = e.Features[(r * f) + k];
                    sum[k] += v;
                    squares[k] += v * v;
                }

                rows++;
            }
        }

        var mean = new float[f];
        var std = new float[f];
        for (var k = 0; k < f; k++)
        {
            mean[k] = (float)(sum[k] / rows);
            var variance = Math.Max(0, (squares[k] / rows) - (mean[k] * (double)mean[k]));
            // A constant feature keeps weight zero rather than dividing by zero.
            std[k] = variance > 1e-10 ? (float)Math.Sqrt(variance) : 1f;
        }

        return (mean, std);
    }

    private static (float[] Weights, int Pairs, double Loss) Fit(
        List<RerankerExample> examples, float[] mean, float[] std, RerankerTrainingOptions options, CancellationToken cancellationToken)
    {
        var f = RerankerFeatures.Count;
        var diffs = new List<float>();
        var pairWeights = new List<float>();
        var z = new float[f];
        var picked = new float[f];
        foreach (var e in examples)
        {
            Standardise(e.Features.AsSpan(e.Picked * f, f), mean, std, picked);
            // Each request weighs the same, however many candidates it had.
            var weight = 1f / (e.Candidates.Length - 1);
            for (var r = 0; r < e.Candidates.Length; r++)
            {
                if (r == e.Picked)
                {
                    continue;
                }

                Standardise(e.Features.AsSpan(r * f, f), mean, std, z);
                TensorPrimitives.Subtract(picked, z, z);
                diffs.AddRange(z);
                pairWeights.Add(weight);
            }
        }

        var d = diffs.ToArray();
        var pw = pairWeights.ToArray();
        var n = pw.Length;
        var w = new float[f];
        var gradient = new float[f];
        var margins = new float[n];
        var total = (float)examples.Count;
        double loss = 0;
        for (var it = 0; it < options.Iterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            gradient.AsSpan().Clear();
            loss = 0;
            for (var p = 0; p < n; p++)
            {
                margins[p] = TensorPrimitives.Dot(d.AsSpan(p * f, f), w);
            }

            for (var p = 0; p < n; p++)
            {
                var m = margins[p];
                // log(1 + e^−m) and its slope −σ(−m), written to stay finite for large |m|.
                loss += pw[p] * (m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m)));
                var slope = -pw[p] / (1 + MathF.Exp(m));
                TensorPrimitives.MultiplyAdd(d.AsSpan(p * f, f), slope, gradient, gradient);
            }

            loss /= total;
            TensorPrimitives.Multiply(gradient, 1f / total, gradient);
            TensorPrimitives.MultiplyAdd(w, options.L2, gradient, gradient);
            TensorPrimitives.MultiplyAdd(gradient, -options.LearningRate, w, w);
        }

        return (w, n, loss);
    }

    private static void Standardise(ReadOnlySpan<float> row, float[] mean, float[] std, Span<float> into)
    {
        TensorPrimitives.Subtract(row, mean, into);
        TensorPrimitives.Divide(into, std, into);
    }

    private static double LinearScore(ScoredCandidate c, ItemPriors priors) =>
        LinearFeatureReranker.Combine(IntentSorts.Relevance, c.RetrievalScore, priors.Rating(c.CatalogIndex), priors.Popularity(c.CatalogIndex), 0);

    /// <summary>Mean NDCG@10 of the picked candidate under <paramref name="score"/> (ties ranked by list position).</summary>
    internal static double Ndcg(IReadOnlyList<RerankerExample> examples, Func<RerankerExample, int, double> score)
    {
        if (examples.Count == 0)
        {
            return 0;
        }

        double total = 0;
        foreach (var e in examples)
        {
            var picked = score(e, e.Picked);
            var rank = 0;
            for (var i = 0; i < e.Candidates.Length; i++)
            {
                var s = score(e, i);
                if (i != e.Picked && (s > picked || (s == picked && i < e.Picked)))
                {
                    rank++;
                }
            }

            total += RankingMetrics.Ndcg(rank, 10);
        }

        return total / examples.Count;
    }
}
