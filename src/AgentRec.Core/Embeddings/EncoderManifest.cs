namespace AgentRec.Core.Embeddings;

/// <summary>What the training data was: counts of items, users and mined pairs.</summary>
public sealed record EncoderTrainingData(
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("users")] int Users,
    [property: JsonPropertyName("likes")] int Likes,
    [property: JsonPropertyName("queryPairsPerEpoch")] int QueryPairsPerEpoch,
    [property: JsonPropertyName("coLikedPairsPerEpoch")] int CoLikedPairsPerEpoch,
    [property: JsonPropertyName("catalogFingerprint")] string CatalogFingerprint);

/// <summary>How training went: loss per epoch, time taken and throughput.</summary>
public sealed record EncoderTrainingMetrics(
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("epochLoss")] IReadOnlyList<double> EpochLoss,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("pairsPerSecond")] double PairsPerSecond)
{
    /// <summary>The metrics of a run that saw <paramref name="pairsSeen"/> pairs in <paramref name="seconds"/>, rounded as manifests keep them.</summary>
    public static EncoderTrainingMetrics Of(IReadOnlyList<double> epochLoss, double seconds, long pairsSeen) =>
        new(epochLoss.Count, epochLoss, Math.Round(seconds, 2), Math.Round(pairsSeen / Math.Max(seconds, 1e-9), 1));
}

/// <summary>The JSON manifest saved beside a trained encoder: format version, seed, sizes, data summary and metrics.</summary>
public sealed record EncoderManifest : TrainedModelManifest
{
    /// <summary>File name of the manifest inside a model folder.</summary>
    public const string FileName = "encoder.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>A manifest of a hashed n-gram encoder.</summary>
    public EncoderManifest()
        : base("hashed-ngram-encoder", "agentrec-hashed-ngram")
    {
    }

    [JsonPropertyName("buckets")]
    public int Buckets { get; init; }

    [JsonPropertyName("dims")]
    public int Dims { get; init; }

    [JsonPropertyName("outputDims")]
    public int OutputDims { get; init; }

    [JsonPropertyName("maxFeatures")]
    public int MaxFeatures { get; init; } = 512;

    /// <summary>Reads <see cref="FileName"/> from <paramref name="directory"/>; throws <see cref="InvalidDataException"/> when it is missing or unreadable.</summary>
    public static EncoderManifest Read(string directory) =>
        Read<EncoderManifest>(directory, FileName, "Encoder", JsonOptions, m => m.Buckets > 1 && m.OutputDims > 0, "hashed n-gram encoder manifest");

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public void Write(string directory) => ManifestFile.Write(directory, FileName, this, JsonOptions);
}
