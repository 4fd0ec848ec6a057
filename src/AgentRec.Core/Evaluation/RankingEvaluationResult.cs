using AgentRec.Core.Training;

namespace AgentRec.Core.Evaluation;

/// <summary>One line of the ranking table.</summary>
public sealed record RankingEvaluationRow(string Name, double RecallAt10, double NdcgAt10, double RecallAt20);

/// <summary>The outcome of <c>eval ranking</c>: data sizes after filtering, test metrics of the model and the baselines.</summary>
public sealed record RankingEvaluationResult(
    int Users,
    int Items,
    long Interactions,
    RankingMetrics Model,
    RankingMetrics Popularity,
    RankingMetrics ItemKnn,
    RankingMetrics SequenceKnn,
    string ModelSettings,
    RankingMetrics ModelValidation,
    int SkippedRows,
    TimeSpan Elapsed)
{
    /// <summary>Name of the model row in tables.</summary>
    public const string ModelName = "model (sequential EASE)";

    /// <summary>Name of the model row when it fuses the content profile in (α above 0).</summary>
    public const string FusedModelName = "model (sequential EASE + content profile)";

    /// <summary>Name of the CF-only row, shown when the model fuses in the content profile.</summary>
    public const string CfOnlyName = "sequential EASE, CF only (α=0)";

    /// <summary>The content/CF fusion picked on validation; null when it was not searched.</summary>
    public FusionSelection? Fusion { get; init; }

    /// <summary>Test metrics of the CF model alone when the chosen α is above 0 (the model row then fuses content); else null.</summary>
    public RankingMetrics? CfOnly { get; init; }

    /// <summary>Test metrics of the user-kNN baseline; null when it was not run.</summary>
    public RankingMetrics? UserKnn { get; init; }

    /// <summary>Recall@k for k = 1..50 per table row name (element k−1).</summary>
    public IReadOnlyDictionary<string, double[]> RecallCurves { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Table rows: the model first (then CF alone when the model fuses content), then popularity, itemKnn, userKnn, sequenceKnn.</summary>
    public IReadOnlyList<RankingEvaluationRow> Rows
    {
        get
        {
            var rows = new List<RankingEvaluationRow>(6) { Row(CfOnly is null ? ModelName : FusedModelName, Model) };
            if (CfOnly is { } cf)
            {
                rows.Add(Row(CfOnlyName, cf));
            }

            rows.Add(Row("popularity", Popularity));
            rows.Add(Row("itemKnn", ItemKnn));
            if (UserKnn is { } userKnn)
            {
                rows.Add(Row("userKnn", userKnn));
            }

            rows.Add(Row("sequenceKnn", SequenceKnn));
            return rows;
        }
    }

    /// <summary>
    /// The last line of <c>eval ranking</c>:
    /// <c>{"users":N,"model":{...},"baselines":{"popularity":{...},"itemKnn":{...},"userKnn":{...},"sequenceKnn":{...}}}</c>, 4 decimals.
    /// </summary>
    public string ToSummaryJson() => SummaryJson.Object(writer =>
    {
        writer.WriteNumber("users", Users);
        Write(writer, "model", Model);
        writer.WriteStartObject("baselines");
        Write(writer, "popularity", Popularity);
        Write(writer, "itemKnn", ItemKnn);
        if (UserKnn is { } userKnn)
        {
            Write(writer, "userKnn", userKnn);
        }

        Write(writer, "sequenceKnn", SequenceKnn);
        writer.WriteEndObject();
    });

    private static RankingEvaluationRow Row(string name, RankingMetrics m) => new(name, m.RecallAt10, m.NdcgAt10, m.RecallAt20);

    private static void Write(Utf8JsonWriter writer, string name, RankingMetrics metrics)
    {
        writer.WriteStartObject(name);
        writer.WriteMetric("recallAt10", metrics.RecallAt10);
        writer.WriteMetric("ndcgAt10", metrics.NdcgAt10);
        writer.WriteMetric("recallAt20", metrics.RecallAt20);
        writer.WriteEndObject();
    }
}
