using AgentRec.Core.Catalog;
using AgentRec.Core.Personalization;
using AgentRec.Core.Training;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// The offline ranking protocol of <c>eval ranking --data DIR</c>: 5-core filter, per-user chronological
/// leave-last-out (last = test, the one before = validation), full ranking of every item outside the history,
/// Recall@10, NDCG@10 and Recall@20 for the model and the popularity, item-kNN, user-kNN and sequence-aware baselines.
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
        var clock = Stopwatch.StartNew();
        var loaded = MovieLensFolderChecks.Load(folder, "Ranking", out var issues);
        MovieLensFolderChecks.RequireUsable(folder, issues, options.MaxIssues, loaded.Ratings);

        progress?.Report($"loaded {loaded.Ratings.Count} ratings ({issues.Count} malformed rows skipped)");
        var result = Run(RankingDataset.FromRatings(loaded.Ratings, options.MinInteractions), options, progress, loaded.Items);
        return result with { SkippedRows = issues.Count, Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// Runs the protocol on an already filtered and sorted data set. With <paramref name="items"/> (the catalog's genres
    /// and tags) the content/CF fusion weight α and the profile decay τ are also picked on validation.
    /// </summary>
    public static RankingEvaluationResult Run(
        RankingDataset data, RankingEvaluationOptions? options = null, IProgress<string>? progress = null, IReadOnlyList<CatalogItem>? items = null)
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
        SequentialEaseScorer? validationModel = null;
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
            validationModel = SequentialEaseScorer.Fit(data.TrainingData(Validation), modelOptions);
            validation = RankingMetrics.Evaluate(validationModel, data, Validation, dop);
        }

        // α and τ on validation, with the CF model fitted on histories that end before the validation item.
        var content = items is null ? null : RankingContentProfile.Build(data.ItemIds, items);
        FusionSelection? fusion = null;
        if (content is not null && options.TuneFusion)
        {
            validationModel ??= SequentialEaseScorer.Fit(data.TrainingData(Validation), modelOptions);
            fusion = FusionWeightSearch.Select(validationModel, content, data, Validation, maxDegreeOfParallelism: dop);
            progress?.Report(FormattableString.Invariant(
                $"fusion picked on validation: α={fusion.Alpha:0.###}, τ={fusion.TauDays:0.#} days → R@10 {fusion.RecallAt10:0.0000} (CF alone {fusion.CfRecallAt10:0.0000})"));
        }

        // The validation item joins the history for the test ranking, so everything is refitted on it.
        var train = data.TrainingData(Test);
        var gram = ItemSimilarity.Gram(train);
        var cosine = ItemSimilarity.Cosine(gram, train.ItemCount);

        var popularityRanks = RankingMetrics.Ranks(PopularityScorer.Fit(train), data, Test, dop);
        var itemKnnRanks = RankingMetrics.Ranks(ItemKnnScorer.FromCosine(cosine, train.ItemCount), data, Test, dop);
        var sequenceRanks = RankingMetrics.Ranks(SequenceAwareScorer.FromCosine(train, cosine, options.SequenceBaseline), data, Test, dop);
        var userKnnRanks = RankingMetrics.Ranks(UserKnnScorer.Fit(train), data, Test, dop);
        progress?.Report("baselines done; fitting the model");
        var cf = SequentialEaseScorer.Fit(train, gram, cosine, modelOptions);
        var cfRanks = RankingMetrics.Ranks(cf, data, Test, dop);
        var modelRanks = cfRanks;
        RankingMetrics? cfOnly = null;
        if (fusion is { Alpha: > 0 } && content is not null)
        {
            modelRanks = RankingMetrics.Ranks(new FusionScorer(cf, content.WithDecay(fusion.TauDays), fusion.Alpha), data, Test, dop);
            cfOnly = RankingMetrics.FromRanks(cfRanks);
        }

        var model = RankingMetrics.FromRanks(modelRanks);
        var popularity = RankingMetrics.FromRanks(popularityRanks);
        var itemKnn = RankingMetrics.FromRanks(itemKnnRanks);
        var sequence = RankingMetrics.FromRanks(sequenceRanks);
        var curves = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            [cfOnly is null ? RankingEvaluationResult.ModelName : RankingEvaluationResult.FusedModelName] = RankingMetrics.RecallCurve(modelRanks),
            ["popularity"] = RankingMetrics.RecallCurve(popularityRanks),
            ["itemKnn"] = RankingMetrics.RecallCurve(itemKnnRanks),
            ["sequenceKnn"] = RankingMetrics.RecallCurve(sequenceRanks),
            ["userKnn"] = RankingMetrics.RecallCurve(userKnnRanks),
        };
        if (cfOnly is not null)
        {
            curves[RankingEvaluationResult.CfOnlyName] = RankingMetrics.RecallCurve(cfRanks);
        }

        return new RankingEvaluationResult(
            data.UserCount, data.ItemCount, data.InteractionCount, model, popularity, itemKnn, sequence,
            modelOptions.Describe(), validation, 0, clock.Elapsed)
        {
            Fusion = fusion,
            CfOnly = cfOnly,
            UserKnn = RankingMetrics.FromRanks(userKnnRanks),
            RecallCurves = curves,
        };
    }
}
