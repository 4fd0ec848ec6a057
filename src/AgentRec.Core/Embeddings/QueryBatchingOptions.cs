namespace AgentRec.Core.Embeddings;

/// <summary>
/// How concurrent request texts are gathered into one run of a pretrained query encoder. Section
/// <c>Retrieval:QueryBatching</c>, validated at start-up.
/// </summary>
public sealed class QueryBatchingOptions
{
    public const string SectionName = "Retrieval:QueryBatching";

    /// <summary>Gather concurrent queries into batches; off, each request runs the encoder on its own.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Longest wait, in milliseconds, for more queries once the first of a batch has arrived; 0 takes only what is
    /// already queued (queries still batch while a run is in flight).
    /// </summary>
    [Range(0.0, 50.0)]
    public double WindowMs { get; set; } = 2.0;

    /// <summary>Most queries in one encoder run.</summary>
    [Range(1, 256)]
    public int MaxBatch { get; set; } = 16;

    /// <summary>Most queries waiting for a run; a caller beyond it waits to enter (or until it is cancelled).</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Encoder runs in flight at once; while all are busy, arriving queries queue up for the next batch.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRuns { get; set; } = 2;
}
