using System.Diagnostics;
using AgentRec.Core.Catalog;
using AgentRec.Core.Personalization;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// The offline ranking protocol of <c>eval ranking --data DIR</c>: 5-core filter, per-user chronological
/// leave-last-out (last = test, the one before = validation), full ranking of every item outside the history,
/// Recall@10, NDCG@10 and Recall@20 for the model and the popularity, item-kNN and sequence-aware baselines.
/// </summary>
public static class RankingEvaluation
{
    /// <summary>
    /// Runs the protocol on a MovieLens-format folder. Throws <see cref="CatalogLoadException"/> when the folder is
    /// missing, has no usable ratings, or has more malformed rows than <see cref="RankingEvaluationOptions.MaxIssues"/>.
    /// </summary>
    public static RankingEvaluationResult Run(string folder, RankingEvaluationOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new RankingEvaluationOptions();
        if (!Directory.Exists(folder))
        {
            throw new CatalogLoadException($"Ranking data folder '{folder}' does not exist.");
        }

        var clock = Stopwatch.StartNew();
        var issues = new List<CatalogLoadIssue>();
        var loaded = MovieLensLoader.Load(folder, issues);
        if (issues.Count > options.MaxIssues)
        {
            throw new CatalogLoadException($"'{folder}' has {issues.Count} malformed rows (more than {options.MaxIssues}); first: {issues[0]}");
        }

        if (loaded.Ratings.Count == 0)
        {
            throw new CatalogLoadException($"'{folder}' has no usable ratings (ratings.csv with userId,movieId,rating,timestamp is needed).");
        }

        progress?.Report($"loaded {loaded.Ratings.Count} ratings ({issues.Count} malformed rows skipped)");
        var result = Run(RankingDataset.FromRatings(loaded.Ratings, options.MinInteractions), options, progress);
        return result with { SkippedRows = issues.Count, Elapsed = clock.Elapsed };
    }

    /// <summary>Runs the protocol on an already filtered and sorted data set.</summary>
    public static RankingEvaluationResult Run(RankingDataset data, RankingEvaluationOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new RankingEvaluationOptions();
        if (data.UserCount == 0)
        {
            throw new CatalogLoadException($"No user has {options.MinInteractions} or more interactions after the {options.MinInteractions}-core filter.");
        }

        var clock = Stopwatch.StartNew();
        progress?.Report($"{options.MinInteractions}-core: {data.UserCount} users, {data.ItemCount} items, {data.InteractionCount} interactions");
        const int Validation = 2, Test = 1;
        var dop = options.MaxDegreeOfParallelism;

        SequentialEaseOptions modelOptions;
        RankingMetrics validation;
        if (options.TuneModel)
        {
            var training = data.TrainingData(Validation);
            var targets = new int[data.UserCount];
            for (var u = 0; u < targets.Length; u++)
            {
                targets[u] = data.Target(u, Validation);
            }

            var selection = SequentialEaseTuner.Select(training, targets, options.Grid, progress);
            modelOptions = selection.Options;
            validation = new RankingMetrics(selection.RecallAt10, selection.NdcgAt10, double.NaN);
            progress?.Report(FormattableString.Invariant(
                $"picked on validation ({selection.Combinations} combinations): {modelOptions.Describe()} → R@10 {selection.RecallAt10:0.0000}"));
        }
        else
        {
            modelOptions = options.Model ?? SequentialEaseOptions.Default;
            validation = RankingMetrics.Evaluate(SequentialEaseScorer.Fit(data.TrainingData(Validation), modelOptions), data, Validation, dop);
        }

        // The validation item joins the history for the test ranking, so everything is refitted on it.
        var train = data.TrainingData(Test);
        var gram = ItemSimilarity.Gram(train);
        var cosine = ItemSimilarity.Cosine(gram, train.ItemCount);

        var popularity = RankingMetrics.Evaluate(PopularityScorer.Fit(train), data, Test, dop);
        var itemKnn = RankingMetrics.Evaluate(ItemKnnScorer.FromCosine(cosine, train.ItemCount), data, Test, dop);
        var sequence = RankingMetrics.Evaluate(SequenceAwareScorer.FromCosine(train, cosine, options.SequenceBaseline), data, Test, dop);
        progress?.Report("baselines done; fitting the model");
        var model = RankingMetrics.Evaluate(SequentialEaseScorer.Fit(train, gram, cosine, modelOptions), data, Test, dop);

        return new RankingEvaluationResult(
            data.UserCount, data.ItemCount, data.InteractionCount, model, popularity, itemKnn, sequence,
            modelOptions.Describe(), validation, 0, clock.Elapsed);
    }
}
