namespace AgentRec.Core.Ranking;

/// <summary>Settings of the reranker (section <c>Ranking</c>; the cross-encoder has its own, <see cref="CrossEncoderOptions"/>).</summary>
public sealed class RankingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Ranking";

    /// <summary>Folder of the trained reranker's weights (<see cref="RerankerWeights.FileName"/>); unset means models/trained/reranker.</summary>
    [RegularExpression(@".*\S.*", ErrorMessage = "Ranking:TrainedPath must name a folder when it is set.")]
    public string? TrainedPath { get; set; }

    /// <summary>Learn the reranker's weights in the background when none are saved; false keeps the hand-set weighting.</summary>
    public bool TrainWhenMissing { get; set; } = true;
}
