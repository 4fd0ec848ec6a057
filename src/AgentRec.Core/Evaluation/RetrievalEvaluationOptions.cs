using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;

namespace AgentRec.Core.Evaluation;

/// <summary>Settings of <see cref="RetrievalEvaluation"/>.</summary>
public sealed class RetrievalEvaluationOptions
{
    /// <summary>Seed of the hold-out splits, query sampling and encoder initialisation.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Share of tag applications and of users held out from training.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>The most queries per task (sampled with the seed).</summary>
    public int MaxQueriesPerTask { get; init; } = 2000;

    /// <summary>Co-liked query pairs drawn per held-out user.</summary>
    public int PairsPerUser { get; init; } = 5;

    /// <summary>The fine-tuned encoder's training settings; the untrained encoder has the same shape and seed.</summary>
    public EncoderTrainingOptions Training { get; init; } = new();

    /// <summary>RRF weight of the BM25 ranking in the hybrid method, as the service fuses it.</summary>
    public double HybridLexicalWeight { get; init; } = HybridRetrievalOptions.DefaultLexicalWeight;

    /// <summary>RRF weight of the request-text vector ranking in the hybrid method (tag queries), as the service fuses it.</summary>
    public double HybridVectorWeight { get; init; } = new HybridRetrievalOptions().VectorWeight;

    /// <summary>
    /// RRF weight of the item's own vector ranking in the hybrid method (co-liked queries: an item → items like it), as
    /// the service weighs the named titles' vectors of a "similar" request.
    /// </summary>
    public double HybridAnchorWeight { get; init; } = new HybridRetrievalOptions().AnchorWeight;

    /// <summary>The most malformed rows tolerated in the data folder.</summary>
    public int MaxIssues { get; init; } = 1000;
}
