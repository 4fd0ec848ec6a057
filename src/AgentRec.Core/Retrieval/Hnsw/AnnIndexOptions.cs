using System.ComponentModel.DataAnnotations;

namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>
/// When the in-process vector collection answers searches from an HNSW graph instead of an exact scan. The default
/// threshold (20,000 rows) keeps the shipped catalogs (9,742 movies + 10,000 books) exact: an exact scan of 20k×384
/// takes about a millisecond and is always right, while the graph costs build time and memory and is approximate.
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
}
