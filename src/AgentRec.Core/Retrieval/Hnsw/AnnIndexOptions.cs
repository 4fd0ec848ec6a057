namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>
/// When the in-process vector collection answers searches from an HNSW graph instead of an exact scan, and how the
/// graph's search width is chosen. The default threshold (20,000 rows) keeps the shipped catalogs (9,742 movies +
/// 10,000 books) exact: an exact scan of 20k×384 takes about a millisecond and is always right, while the graph costs
/// build time and memory and is approximate. Section <c>VectorStore:Ann</c>.
/// </summary>
public sealed record AnnIndexOptions
{
    /// <summary>Rows from which searches use the graph; below it they stay exact.</summary>
    [Range(1, int.MaxValue)]
    public int Threshold { get; init; } = 20_000;

    /// <summary>False keeps every search exact whatever the size.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The graph's shape.</summary>
    public HnswParameters Hnsw { get; init; } = new();

    /// <summary>Seed of the level draws, so a build is reproducible.</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>
    /// Recall@10 against exact search that the search width is calibrated to after each build (on sample queries drawn
    /// from the collection's own vectors); 0 keeps <see cref="HnswParameters.EfSearch"/> as configured.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TargetRecall { get; init; } = 0.95;

    /// <summary>Sample queries of the calibration.</summary>
    [Range(1, 100_000)]
    public int CalibrationQueries { get; init; } = 200;

    /// <summary>Widest search the calibration may choose; when even this misses the target, it is used and the shortfall logged.</summary>
    [Range(1, 1_000_000)]
    public int MaxEfSearch { get; init; } = 4096;

    /// <summary>
    /// Largest share of the vectors a calibrated graph search may compare with the query; above it the collection keeps
    /// searching exactly. A graph walk reads its vectors in random order while the exact scan streams them, so a walk
    /// that compares a third of them already costs about what the scan does (uniform random 384-d vectors need about
    /// half at recall 0.95, where the scan is faster and exact).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxScannedFraction { get; init; } = 0.3;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        Hnsw.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(Threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(CalibrationQueries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEfSearch, 1);
        if (TargetRecall is < 0 or > 1 || double.IsNaN(TargetRecall))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetRecall), TargetRecall, "Must lie in [0, 1].");
        }

        if (MaxScannedFraction is < 0 or > 1 || double.IsNaN(MaxScannedFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxScannedFraction), MaxScannedFraction, "Must lie in [0, 1].");
        }
    }
}
