namespace AgentRec.Core.Training;

/// <summary>Settings of <see cref="EncoderTrainer"/>: model size, pair mining, optimisation and seed.</summary>
public sealed class EncoderTrainingOptions
{
    /// <summary>Seed of initialisation, pair sampling and shuffling.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Hash buckets of the n-gram table (a power of two).</summary>
    [Range(2, 1 << 24)]
    public int Buckets { get; init; } = 1 << 18;

    /// <summary>Width of the n-gram embeddings.</summary>
    [Range(1, 4096)]
    public int Dims { get; init; } = 128;

    /// <summary>Width of the output embedding after the projection.</summary>
    [Range(1, 4096)]
    public int OutputDims { get; init; } = 128;

    /// <summary>Passes over the mined pairs (new query texts and co-liked pairs each pass).</summary>
    [Range(1, 1000)]
    public int Epochs { get; init; } = 6;

    /// <summary>Pairs per in-batch softmax; every other pair of the batch is a negative.</summary>
    [Range(2, 65536)]
    public int BatchSize { get; init; } = 256;

    /// <summary>Softmax temperature of the InfoNCE loss.</summary>
    public float Temperature { get; init; } = 0.05f;

    /// <summary>Adagrad step size of the n-gram table.</summary>
    public float EmbeddingLearningRate { get; init; } = 0.05f;

    /// <summary>Adam step size of the projection.</summary>
    public float ProjectionLearningRate { get; init; } = 0.002f;

    /// <summary>Ratings at or above this count as likes for co-liked pairs.</summary>
    public float LikeThreshold { get; init; } = 4f;

    /// <summary>Co-liked pairs drawn per user and epoch, so heavy raters do not dominate.</summary>
    [Range(0, 100000)]
    public int MaxPairsPerUser { get; init; } = 40;

    /// <summary>Request-like query texts drawn per item and epoch.</summary>
    [Range(0, 100)]
    public int QueriesPerItem { get; init; } = 1;

    /// <summary>Stop after this long even if epochs remain (the last finished epoch's weights are kept).</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Threads for the batch computations; 0 uses every core.</summary>
    [Range(0, 1024)]
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>A configuration small enough for unit tests (seconds on one core).</summary>
    public static EncoderTrainingOptions Tiny(int seed = 42) => new()
    {
        Seed = seed,
        Buckets = 1 << 15,
        Dims = 32,
        OutputDims = 32,
        Epochs = 3,
        BatchSize = 128,
    };
}
