namespace AgentRec.Core.Training;

/// <summary>Settings of <see cref="AdapterTrainer"/>: the linear adapter over a frozen pretrained encoder.</summary>
public sealed class AdapterTrainingOptions
{
    /// <summary>Random seed: same seed, same adapter.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Passes over the mined pairs (the base embeddings are computed once).</summary>
    [Range(1, 1000)]
    public int Epochs { get; init; } = 8;

    /// <summary>Pairs per in-batch softmax.</summary>
    [Range(2, 8192)]
    public int BatchSize { get; init; } = 256;

    /// <summary>Softmax temperature over cosines.</summary>
    [Range(0.001, 10)]
    public float Temperature { get; init; } = 0.05f;

    /// <summary>Adam step size on the adapter weights.</summary>
    [Range(1e-6, 1)]
    public float LearningRate { get; init; } = 0.003f;

    /// <summary>Ratings at or above this count as likes (co-liked pairs).</summary>
    public float LikeThreshold { get; init; } = 4f;

    /// <summary>Most co-liked pairs per user (fewer than the default encoder's: the requests are what the adapter is mostly for).</summary>
    public int MaxPairsPerUser { get; init; } = 10;

    /// <summary>Sampled requests per item.</summary>
    public int QueriesPerItem { get; init; } = 2;

    /// <summary>Sampled requests held out of training to measure recall@10 before and after.</summary>
    public int ValidationRequests { get; init; } = 500;

    /// <summary>Texts per call of the base encoder.</summary>
    public int EmbedBatchSize { get; init; } = 256;

    /// <summary>Worker threads; 0 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; }
}
