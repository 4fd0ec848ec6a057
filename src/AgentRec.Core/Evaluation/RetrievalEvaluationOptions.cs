using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;

namespace AgentRec.Core.Evaluation;

/// <summary>Settings of <see cref="RetrievalEvaluation"/>.</summary>
public sealed class RetrievalEvaluationOptions
{
    /// <summary>Seed of the hold-out splits and query sampling; the encoders use <see cref="EncoderTrainingOptions.Seed"/>.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Share of tag applications and of users held out from training.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>The most queries per task (sampled with the seed).</summary>
    public int MaxQueriesPerTask { get; init; } = 2000;

    /// <summary>Co-liked query pairs drawn per held-out user.</summary>
    public int PairsPerUser { get; init; } = 5;

    /// <summary>The fine-tuned encoder's training settings; the untrained encoder has the same shape and seed.</summary>
    public EncoderTrainingOptions Training { get; init; } = new();

    /// <summary>
    /// The service's fusion settings the hybrid method fuses with (tag queries fuse as a request's words with the
    /// request-text vector ranking; co-liked queries as a "similar" request with its named title's vector ranking).
    /// </summary>
    public HybridRetrievalOptions Hybrid { get; init; } = new();

    /// <summary>
    /// Pick <see cref="HybridRetrievalOptions.AnchorLexicalWeight"/> on co-liked pairs of a validation split drawn from
    /// the training tags and users alone, with an encoder trained without it; otherwise use <see cref="Hybrid"/>'s.
    /// </summary>
    public bool TuneFusion { get; init; } = true;

    /// <summary>The <see cref="HybridRetrievalOptions.AnchorLexicalWeight"/> values searched on validation.</summary>
    public IReadOnlyList<double> AnchorLexicalWeightGrid { get; init; } = [0, 0.05, 0.1, 0.25, 0.5];

    /// <summary>Pretrained encoders evaluated beside the own ones (alone and fused with BM25); the caller owns them.</summary>
    public IReadOnlyList<Embeddings.PretrainedTextEncoder> Pretrained { get; init; } = [];

    /// <summary>
    /// Settings of the linear adapter trained over each pretrained encoder on the training split (rows
    /// <c>fineTuned:NAME</c>, <c>hybrid:fineTuned:NAME</c>); null leaves those rows out.
    /// </summary>
    public AdapterTrainingOptions? Adapter { get; init; } = new();

    /// <summary>
    /// Weights w of the pretrained encoder in the rows <c>fused:own+NAME@w</c> and <c>hybrid:fused:own+NAME@w</c>: the
    /// fine-tuned own encoder fused with each pretrained one as (1−w)·cos_own + w·cos_NAME; empty leaves those rows out.
    /// </summary>
    public IReadOnlyList<double> EncoderFusionWeights { get; init; } = [HybridRetrievalOptions.DefaultFusedEncoderWeight];

    /// <summary>The synonym table the paraphrase task restates tags and genres with; null for the embedded one (<see cref="ParaphraseTable.Default"/>).</summary>
    public ParaphraseTable? Paraphrases { get; init; }

    /// <summary>The most malformed rows tolerated in the data folder.</summary>
    public int MaxIssues { get; init; } = 1000;
}
