namespace AgentRec.Core.Embeddings;

/// <summary>How token vectors become one sentence vector.</summary>
public enum TextPooling
{
    /// <summary>Mean of the attended token vectors (sentence-transformers' default, all-MiniLM-L6-v2, e5).</summary>
    Mean,

    /// <summary>The [CLS] token's vector (bge models).</summary>
    Cls,
}

/// <summary>Settings of <see cref="OnnxTextEncoder"/>.</summary>
public sealed class OnnxTextEncoderOptions
{
    /// <summary>Longest token sequence, [CLS] and [SEP] included; longer texts are truncated.</summary>
    public int MaxSequenceLength { get; init; } = 256;

    /// <summary>Texts per ONNX Runtime call; each batch is padded only to its own longest text.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Pooling of last_hidden_state; ignored when the model outputs a sentence embedding itself.</summary>
    public TextPooling Pooling { get; init; } = TextPooling.Mean;

    /// <summary>Scale every embedding to unit length.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Name reported in the generator's metadata.</summary>
    public string ModelId { get; init; } = "bert-onnx";

    /// <summary>ONNX Runtime intra-op threads; 0 lets the runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Execution provider: <c>cpu</c> or <c>cuda</c> (see <see cref="OnnxExecutionProviders"/>).</summary>
    public string ExecutionProvider { get; init; } = OnnxExecutionProviders.Cpu;

    /// <summary>
    /// Reads the pooling of a sentence-transformers folder from 1_Pooling/config.json (pooling_mode_cls_token);
    /// mean when the file is absent.
    /// </summary>
    public static TextPooling DetectPooling(string modelFolder)
    {
        var config = Path.Combine(modelFolder, "1_Pooling", "config.json");
        if (!File.Exists(config))
        {
            return TextPooling.Mean;
        }

        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        return doc.RootElement.TryGetProperty("pooling_mode_cls_token", out var cls) && cls.ValueKind == System.Text.Json.JsonValueKind.True
            ? TextPooling.Cls
            : TextPooling.Mean;
    }
}
