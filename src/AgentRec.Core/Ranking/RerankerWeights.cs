using AgentRec.Core.Catalog;

namespace AgentRec.Core.Ranking;

/// <summary>How the trained reranker was trained and how it did on held-out validation requests.</summary>
public sealed record RerankerTrainingInfo
{
    [JsonPropertyName("data")]
    public string Data { get; init; } = string.Empty;

    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    [JsonPropertyName("trainingRequests")]
    public int TrainingRequests { get; init; }

    [JsonPropertyName("validationRequests")]
    public int ValidationRequests { get; init; }

    [JsonPropertyName("pairs")]
    public int Pairs { get; init; }

    [JsonPropertyName("iterations")]
    public int Iterations { get; init; }

    [JsonPropertyName("finalLoss")]
    public double FinalLoss { get; init; }

    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    /// <summary>NDCG@10 of the picked item in the candidate list on validation requests, per ordering.</summary>
    [JsonPropertyName("validationNdcgAt10")]
    public IReadOnlyDictionary<string, double> ValidationNdcgAt10 { get; init; } = new Dictionary<string, double>();

    /// <summary>Key in <see cref="ValidationNdcgAt10"/> of the retrieval order as it came.</summary>
    public const string RetrievalOrderKey = "retrievalOrder";

    /// <summary>Key in <see cref="ValidationNdcgAt10"/> of the hand-set linear features.</summary>
    public const string HandSetKey = "linearFeatures";

    /// <summary>Key in <see cref="ValidationNdcgAt10"/> of the trained weights.</summary>
    public const string TrainedKey = "trained";

    /// <summary>Validation NDCG@10 of the trained weights and of the hand-set features, as the logs compare them (0 where not recorded).</summary>
    public (double Trained, double HandSet) TrainedVersusHandSet() =>
        (ValidationNdcgAt10.GetValueOrDefault(TrainedKey), ValidationNdcgAt10.GetValueOrDefault(HandSetKey));
}

/// <summary>
/// The trained reranker's weights file (models/trained/reranker/reranker.json): a linear model over standardised
/// <see cref="RerankerFeatures"/>, score = Σ wᵢ·(xᵢ − μᵢ)/σᵢ.
/// </summary>
public sealed record RerankerWeights
{
    /// <summary>File name inside the model folder.</summary>
    public const string FileName = "reranker.json";

    /// <summary>The format this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "pairwise-logistic-linear";

    [JsonPropertyName("features")]
    public IReadOnlyList<string> Features { get; init; } = [];

    [JsonPropertyName("mean")]
    public IReadOnlyList<float> Mean { get; init; } = [];

    [JsonPropertyName("std")]
    public IReadOnlyList<float> Std { get; init; } = [];

    [JsonPropertyName("weights")]
    public IReadOnlyList<float> Weights { get; init; } = [];

    [JsonPropertyName("training")]
    public RerankerTrainingInfo Training { get; init; } = new();

    /// <summary>The default folder: models/trained/reranker in the repository, or null outside one.</summary>
    public static string? DefaultFolder() => Catalog.DataPaths.FindTrainedModelPath("reranker");

    /// <summary>Writes the weights as indented JSON into <paramref name="folder"/>; returns the file's path.</summary>
    public string Save(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = Path.Combine(folder, FileName);
        TrainedSettingsFile.Write(path, this);
        return path;
    }

    /// <summary>
    /// Reads and checks a weights file: version, the feature names this code computes, and finite numbers.
    /// Throws <see cref="InvalidDataException"/> naming the file otherwise.
    /// </summary>
    public static RerankerWeights Load(string path)
    {
        var weights = TrainedSettingsFile.Read<RerankerWeights>(path, "Reranker weights", CurrentVersion, s => s.Version);

        if (!weights.Features.SequenceEqual(RerankerFeatures.Names))
        {
            throw new InvalidDataException(
                $"Reranker weights '{path}' were trained on features [{string.Join(", ", weights.Features)}]; this build computes [{string.Join(", ", RerankerFeatures.Names)}]. Retrain with `agentrec train reranker`.");
        }

        var f = RerankerFeatures.Count;
        if (weights.Mean.Count != f || weights.Std.Count != f || weights.Weights.Count != f
            || weights.Mean.Concat(weights.Std).Concat(weights.Weights).Any(v => !float.IsFinite(v)) || weights.Std.Any(s => s <= 0))
        {
            throw new InvalidDataException($"Reranker weights '{path}' need {f} finite mean, positive std and weight values each.");
        }

        return weights;
    }
}
