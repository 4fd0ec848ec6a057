namespace AgentRec.Core.Embeddings.Adapter;

/// <summary>Retrieval quality of held-out sampled requests: recall@10 of the item each was sampled from, among all items.</summary>
public sealed record AdapterValidation(
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("baseRecallAt10")] double BaseRecallAt10,
    [property: JsonPropertyName("adaptedRecallAt10")] double AdaptedRecallAt10);

/// <summary>
/// The JSON manifest of a linear adapter folder (adapter.json beside adapter.onnx): which base encoder it adapts (its
/// folder, pooling and the sha256 of its model file, checked when loading), sizes, training settings, data and metrics.
/// </summary>
public sealed record AdapterManifest : TrainedModelManifest
{
    /// <summary>File name of the manifest inside an adapter folder.</summary>
    public const string FileName = "adapter.json";

    /// <summary>File name of the adapter graph inside an adapter folder.</summary>
    public const string ModelFileName = "adapter.onnx";

    private const string AdapterKind = "linear-adapter";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>A manifest of a linear adapter.</summary>
    public AdapterManifest()
        : base(AdapterKind, "agentrec-linear-adapter")
    {
    }

    /// <summary>Folder of the base encoder (model.onnx + vocab.txt); relative paths are relative to the adapter folder.</summary>
    [JsonPropertyName("baseModel")]
    public string BaseModel { get; init; } = string.Empty;

    /// <summary>sha256 of the base folder's model.onnx when the adapter was trained.</summary>
    [JsonPropertyName("baseModelSha256")]
    public string BaseModelSha256 { get; init; } = string.Empty;

    [JsonPropertyName("basePooling")]
    public TextPooling BasePooling { get; init; }

    /// <summary>Longest token sequence fed to the base encoder ([CLS] and [SEP] included).</summary>
    [JsonPropertyName("baseMaxSequenceLength")]
    public int BaseMaxSequenceLength { get; init; } = 256;

    [JsonPropertyName("inputDims")]
    public int InputDims { get; init; }

    [JsonPropertyName("outputDims")]
    public int OutputDims { get; init; }

    [JsonPropertyName("validation")]
    public AdapterValidation? Validation { get; init; }

    /// <summary>Whether <paramref name="directory"/> holds an adapter (its manifest).</summary>
    public static bool IsAdapterFolder(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Reads the manifest from <paramref name="directory"/>; throws <see cref="InvalidDataException"/> naming the file when it is missing or unreadable.</summary>
    public static AdapterManifest Read(string directory) =>
        Read<AdapterManifest>(
            directory, FileName, "Adapter", JsonOptions,
            m => m.Kind == AdapterKind && m.InputDims > 0 && m.OutputDims > 0 && !string.IsNullOrWhiteSpace(m.BaseModel),
            "linear adapter manifest naming its base model");

    /// <summary>The base encoder's folder, resolved against <paramref name="adapterDirectory"/> when relative.</summary>
    public string ResolveBase(string adapterDirectory) =>
        Path.GetFullPath(Path.IsPathRooted(BaseModel) ? BaseModel : Path.Combine(adapterDirectory, BaseModel));

    /// <summary>Writes the manifest into <paramref name="directory"/> (through a temporary file).</summary>
    public void Write(string directory) => ManifestFile.Write(directory, FileName, this, JsonOptions);
}
