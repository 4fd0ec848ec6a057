namespace AgentRec.Core.Embeddings;

/// <summary>
/// What the JSON manifest beside every trained model records: the format version, the model's kind and id, the
/// training seed and settings, the sha256 of its ONNX file, the training data and how training went.
/// </summary>
public abstract record TrainedModelManifest
{
    /// <summary>The manifest format this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    private protected TrainedModelManifest(string kind, string modelId)
    {
        Kind = kind;
        ModelId = modelId;
    }

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; init; }

    [JsonPropertyName("modelId")]
    public string ModelId { get; init; }

    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    [JsonPropertyName("temperature")]
    public float Temperature { get; init; }

    [JsonPropertyName("batchSize")]
    public int BatchSize { get; init; }

    /// <summary>sha256 of the model's ONNX file: part of the vector cache key.</summary>
    [JsonPropertyName("modelSha256")]
    public string ModelSha256 { get; init; } = string.Empty;

    [JsonPropertyName("data")]
    public EncoderTrainingData? Data { get; init; }

    [JsonPropertyName("metrics")]
    public EncoderTrainingMetrics? Metrics { get; init; }

    /// <summary>
    /// The current-version manifest read from <paramref name="fileName"/> in <paramref name="directory"/>, which
    /// <paramref name="isValid"/> accepts; otherwise an <see cref="InvalidDataException"/> naming the file and saying it is
    /// not a <paramref name="description"/>.
    /// </summary>
    private protected static TManifest Read<TManifest>(
        string directory, string fileName, string what, System.Text.Json.JsonSerializerOptions options, Func<TManifest, bool> isValid, string description)
        where TManifest : TrainedModelManifest
    {
        var manifest = ManifestFile.Read<TManifest>(directory, fileName, what, options);
        if (manifest is null || manifest.Version != CurrentVersion || !isValid(manifest))
        {
            throw new InvalidDataException($"'{Path.Combine(directory, fileName)}' is not a version-{CurrentVersion} {description}.");
        }

        return manifest;
    }
}
