using AgentRec.Core.Personalization;

namespace AgentRec.Core.Evaluation;

/// <summary>Settings of <see cref="RankingEvaluation"/>; the defaults are the protocol of ARCHITECTURE.md.</summary>
public sealed record RankingEvaluationOptions
{
    /// <summary>The k of the k-core filter: users and items kept have at least this many interactions.</summary>
    public int MinInteractions { get; init; } = 5;

    /// <summary>How many malformed rows may be skipped before the folder is rejected.</summary>
    public int MaxIssues { get; init; } = 100;

    /// <summary>Pick the model's hyper-parameters on the validation items; otherwise use <see cref="Model"/>.</summary>
    public bool TuneModel { get; init; } = true;

    /// <summary>The grid searched when <see cref="TuneModel"/> is set; null for the default grid.</summary>
    public SequentialEaseGrid? Grid { get; init; }

    /// <summary>The model's hyper-parameters when not tuned; null for the defaults.</summary>
    public SequentialEaseOptions? Model { get; init; }

    /// <summary>Pick the content/CF fusion weight α and the profile decay τ on validation (needs the catalog's items).</summary>
    public bool TuneFusion { get; init; } = true;

    /// <summary>Settings of the sequence-aware baseline; null for its defaults.</summary>
    public SequenceAwareOptions? SequenceBaseline { get; init; }

    /// <summary>Threads for scoring users; −1 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
