namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>
/// Shape of an HNSW graph: <see cref="M"/> links per node on the upper layers (twice that on layer 0), the candidate
/// list width while building (<see cref="EfConstruction"/>) and while searching (<see cref="EfSearch"/>).
/// </summary>
public sealed record HnswParameters
{
    /// <summary>Links per node on upper layers; layer 0 keeps up to 2·M.</summary>
    [Range(2, 100)]
    public int M { get; init; } = 16;

    /// <summary>Candidate list width while inserting; higher builds a better graph, slower.</summary>
    [Range(1, 4096)]
    public int EfConstruction { get; init; } = 200;

    /// <summary>Candidate list width while searching (at least k is always used); higher gives more recall, slower.</summary>
    [Range(1, 4096)]
    public int EfSearch { get; init; } = 128;

    /// <summary>
    /// When a filter is estimated to pass fewer than this fraction of the rows, search scans the passing rows exactly
    /// instead of walking the graph (a selective filter disconnects the graph walk).
    /// </summary>
    [Range(0.0, 1.0)]
    public double ExactFilterFraction { get; init; } = 0.05;

    /// <summary>
    /// When a filter is estimated to pass at most this many rows, search scans them exactly: that many dot products cost
    /// less than a graph walk that must step over the rejected nodes.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ExactFilterRows { get; init; } = 10_000;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(M, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(M, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(EfConstruction, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(EfSearch, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(ExactFilterRows);
        if (ExactFilterFraction is < 0 or > 1 || double.IsNaN(ExactFilterFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(ExactFilterFraction), ExactFilterFraction, "Must lie in [0, 1].");
        }
    }
}
