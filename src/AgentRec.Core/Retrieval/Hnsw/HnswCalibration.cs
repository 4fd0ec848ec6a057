namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>
/// What <see cref="HnswIndex.CalibrateEfSearch"/> measured: the search width it chose, the recall@k that width reached
/// on the sample queries, and how many vectors a search at that width compares with the query, next to the exact
/// scan's count (every live node).
/// </summary>
/// <param name="EfSearch">The width chosen (and set on the index).</param>
/// <param name="Recall">Recall@k against exact search at that width, over the sample queries.</param>
/// <param name="TargetRecall">The recall asked for.</param>
/// <param name="Queries">Sample queries measured.</param>
/// <param name="MeanDistances">Vectors compared with the query per search at that width, on average.</param>
/// <param name="LiveCount">Vectors an exact scan compares with the query.</param>
public sealed record HnswCalibration(int EfSearch, double Recall, double TargetRecall, int Queries, double MeanDistances, int LiveCount)
{
    /// <summary>Whether the target was reached within the largest width tried.</summary>
    public bool Reached => Recall >= TargetRecall;

    /// <summary>Share of the live vectors a search compares with the query (1.0 would be an exact scan's work).</summary>
    public double ScannedFraction => LiveCount == 0 ? 0 : MeanDistances / LiveCount;
}
