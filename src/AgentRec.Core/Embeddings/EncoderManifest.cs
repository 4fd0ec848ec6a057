using System.Text.Json;
using System.Text.Json.Serialization;

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
    [property: JsonPropertyName("pairsPerSecond")] double PairsPerSecond);

/// <summary>The JSON manifest saved beside a trained encoder: format version, seed, sizes, data summary and metrics.</summary>
public sealed record EncoderManifest
{
    /// <summary>File name of the manifest inside a model folder.</summary>
    public const string FileName = "encoder.json";

    /// <summary>The manifest format this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "hashed-ngram-encoder";

    [JsonPropertyName("modelId")]
    public string ModelId { get; init; } = "agentrec-hashed-ngram";

    [JsonPropertyName("seed")]
    public int Seed { get; init; }

    [JsonPropertyName("buckets")]
    public int Buckets { get; init; }

    [JsonPropertyName("dims")]
    public int Dims { get; init; }

    [JsonPropertyName("outputDims")]
    public int OutputDims { get; init; }

    [JsonPropertyName("maxFeatures")]
    public int MaxFeatures { get; init; } = 512;

    [JsonPropertyName("temperature")]
    public float Temperature { get; init; }

    [JsonPropertyName("batchSize")]
    public int BatchSize { get; init; }

    /// <summary>sha256 of the ONNX file: part of the vector cache key.</summary>
    [JsonPropertyName("modelSha256")]
    public string ModelSha256 { get; init; } = string.Empty;

    [JsonPropertyName("data")]
    public EncoderTrainingData? Data { get; init; }

    [JsonPropertyName("metrics")]
    public EncoderTrainingMetrics? Metrics { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Reads <see cref="FileName"/> from <paramref name="directory"/>; throws <see cref="InvalidDataException"/> when it is missing or unreadable.</summary>
    public static EncoderManifest Read(string directory)
    {
        var manifest = ManifestFile.Read<EncoderManifest>(directory, FileName, "Encoder", JsonOptions);
        var path = Path.Combine(directory, FileName);
        if (manifest is null || manifest.Version != CurrentVersion || manifest.Buckets <= 1 || manifest.OutputDims <= 0)
        {
            throw new InvalidDataException($"'{path}' is not a version-{CurrentVersion} hashed n-gram encoder manifest.");
        }

        return manifest;
    }

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public void Write(string directory) => ManifestFile.Write(directory, FileName, this, JsonOptions);
}
