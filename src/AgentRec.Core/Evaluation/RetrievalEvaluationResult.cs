namespace AgentRec.Core.Evaluation;

/// <summary>Recall of one method on one task.</summary>
public sealed record RetrievalRecall(double RecallAt10, double RecallAt50);

/// <summary>One task's queries and the recall of every method on them.</summary>
public sealed record RetrievalTaskResult(int Queries, RetrievalRecall Lexical, RetrievalRecall Untrained, RetrievalRecall FineTuned, RetrievalRecall Hybrid)
{
    /// <summary>Rows of pretrained encoders on the same queries (<c>minilm</c>, <c>hybrid:minilm</c>, ...), after the four above.</summary>
    public IReadOnlyList<RetrievalMethodRecall> Pretrained { get; init; } = [];
}

/// <summary>The recall of a method named at run time (a pretrained encoder alone or fused).</summary>
public sealed record RetrievalMethodRecall(string Method, RetrievalRecall Recall);

/// <summary>The hybrid recall on the validation split at one BM25 weight.</summary>
public sealed record RetrievalWeightRecall(double Weight, RetrievalRecall Recall);

/// <summary>
/// The anchored BM25 weight picked on co-liked pairs of the validation split (drawn from the training tags and users),
/// with the fine-tuned encoder's validation recall and the hybrid recall at every weight searched.
/// </summary>
public sealed record RetrievalFusionSelection(
    double AnchorLexicalWeight,
    int CoLikedQueries,
    RetrievalRecall CoLikedFineTuned,
    IReadOnlyList<RetrievalWeightRecall> CoLikedSweep);

/// <summary>The outcome of <c>eval retrieval</c>: the tasks, the encoder's training summary, and timings.</summary>
public sealed record RetrievalEvaluationResult(
    RetrievalTaskResult TagQuery,
    RetrievalTaskResult CoLiked,
    int Items,
    int TrainingUsers,
    int HeldOutUsers,
    int HeldOutTagApplications,
    double TrainingSeconds,
    TimeSpan Elapsed)
{
    /// <summary>The weights picked on validation; null when the service's were used as they are.</summary>
    public RetrievalFusionSelection? Fusion { get; init; }

    /// <summary>The fusion settings the hybrid method used on the test split; null for a result built by hand.</summary>
    public Retrieval.HybridRetrievalOptions? FusionSettings { get; init; }

    /// <summary>The paraphrase task (requests that share no word with their item's text); null for a result built by hand without it.</summary>
    public RetrievalTaskResult? Paraphrase { get; init; }

    /// <summary>The tasks in table and JSON order, by their JSON names; paraphrase last, when present.</summary>
    public IReadOnlyList<(string Name, RetrievalTaskResult Task)> Tasks =>
        Paraphrase is { } paraphrase ? [("tagQuery", TagQuery), ("coLiked", CoLiked), ("paraphrase", paraphrase)] : [("tagQuery", TagQuery), ("coLiked", CoLiked)];

    /// <summary>Method names in table and JSON order.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["lexical", "untrained", "fineTuned", "hybrid"];

    /// <summary>Table rows: (task, method, recall@10, recall@50).</summary>
    public IReadOnlyList<(string Task, string Method, double RecallAt10, double RecallAt50)> Rows
    {
        get
        {
            var rows = new List<(string, string, double, double)>();
            foreach (var (name, task) in Tasks)
            {
                foreach (var method in Methods)
                {
                    var r = Pick(task, method);
                    rows.Add((name, method, r.RecallAt10, r.RecallAt50));
                }

                foreach (var extra in task.Pretrained)
                {
                    rows.Add((name, extra.Method, extra.Recall.RecallAt10, extra.Recall.RecallAt50));
                }
            }

            return rows;
        }
    }

    /// <summary>
    /// The last line of <c>eval retrieval</c>:
    /// <c>{"tasks":{"tagQuery":{"lexical":{"recallAt10":x,"recallAt50":x},"untrained":{...},"fineTuned":{...},"hybrid":{...}},"coLiked":{...},"paraphrase":{...}}}</c>,
    /// 4 decimals; paraphrase only when the result has it.
    /// </summary>
    public string ToSummaryJson() => SummaryJson.Object(writer =>
    {
        writer.WriteStartObject("tasks");
        foreach (var (name, task) in Tasks)
        {
            WriteTask(writer, name, task);
        }

        writer.WriteEndObject();
    });

    private static RetrievalRecall Pick(RetrievalTaskResult task, string method) => method switch
    {
        "lexical" => task.Lexical,
        "untrained" => task.Untrained,
        "fineTuned" => task.FineTuned,
        _ => task.Hybrid,
    };

    private static void WriteTask(Utf8JsonWriter writer, string name, RetrievalTaskResult task)
    {
        writer.WriteStartObject(name);
        foreach (var (method, r) in Methods.Select(m => (m, Pick(task, m))).Concat(task.Pretrained.Select(p => (p.Method, p.Recall))))
        {
            writer.WriteStartObject(method);
            writer.WriteMetric("recallAt10", r.RecallAt10);
            writer.WriteMetric("recallAt50", r.RecallAt50);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
