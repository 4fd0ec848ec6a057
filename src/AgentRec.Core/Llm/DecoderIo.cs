using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AgentRec.Core.Llm;

/// <summary>
/// The decoder's inputs and outputs, named by genai_config.json and typed by the ONNX session's metadata: id, mask and
/// position element types (int32/int64), the key-value tensors per layer (combined GPT-2 style or key and value
/// apart; float or float16) and the logits.
/// </summary>
internal sealed class DecoderIo
{
    public required string InputIds { get; init; }
    public required TensorElementType IdType { get; init; }
    public string? AttentionMask { get; init; }
    public TensorElementType MaskType { get; init; }
    public string? PositionIds { get; init; }
    public TensorElementType PositionType { get; init; }
    public required string[] PastNames { get; init; }
    public required string[] PresentNames { get; init; }
    public required long[][] EmptyPastShapes { get; init; }
    public required TensorElementType KvType { get; init; }
    public required string Logits { get; init; }
    public required TensorElementType LogitsType { get; init; }

    /// <summary>The logits' last dimension when the model fixes it, else 0.</summary>
    public required int LogitsWidth { get; init; }
    public required int Layers { get; init; }

    /// <summary>Input names in the order of <see cref="DecoderRunner"/>'s value array: ids, mask, positions, pasts.</summary>
    public required string[] InputNames { get; init; }

    /// <summary>Output names: logits, then presents.</summary>
    public required string[] OutputNames { get; init; }

    public static DecoderIo Describe(GenAIConfig config, InferenceSession session, string modelPath)
    {
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        string Require(IReadOnlyDictionary<string, NodeMetadata> meta, string name, string kind) =>
            meta.ContainsKey(name)
                ? name
                : throw new LlmModelException(modelPath,
                    $"{GenAIConfig.FileName} names {kind} '{name}', which '{modelPath}' does not have (it has: {string.Join(", ", meta.Keys)}).");

        var inputIds = Require(inputs, config.InputIdsName, "the input");
        var logits = Require(outputs, config.LogitsName, "the output");
        var mask = inputs.ContainsKey(config.AttentionMaskName) ? config.AttentionMaskName : null;
        var positions = inputs.ContainsKey(config.PositionIdsName) ? config.PositionIdsName : null;

        var pastPatterns = config.PastNames is { } combined ? [combined] : new[] { config.PastKeyNames, config.PastValueNames };
        var presentPatterns = config.PresentNames is { } combinedOut ? [combinedOut] : new[] { config.PresentKeyNames, config.PresentValueNames };
        var layers = config.NumHiddenLayers;
        if (layers <= 0)
        {
            while (inputs.ContainsKey(Format(pastPatterns[0], layers)))
            {
                layers++;
            }
        }

        var past = new List<string>();
        var present = new List<string>();
        for (var layer = 0; layer < layers; layer++)
        {
            for (var p = 0; p < pastPatterns.Length; p++)
            {
                past.Add(Require(inputs, Format(pastPatterns[p], layer), "the past key-value input"));
                present.Add(Require(outputs, Format(presentPatterns[p], layer), "the present key-value output"));
            }
        }

        var kvType = past.Count > 0 ? inputs[past[0]].ElementDataType : TensorElementType.Float;
        if (kvType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new LlmModelException(modelPath, $"'{modelPath}' has {kvType} key-value tensors; only float and float16 are supported.");
        }

        var logitsType = outputs[logits].ElementDataType;
        if (logitsType is not (TensorElementType.Float or TensorElementType.Float16))
        {
            throw new LlmModelException(modelPath, $"'{modelPath}' has {logitsType} logits; only float and float16 are supported.");
        }

        var logitsDims = outputs[logits].Dimensions;
        var names = new List<string> { inputIds };
        if (mask is not null)
        {
            names.Add(mask);
        }

        if (positions is not null)
        {
            names.Add(positions);
        }

        names.AddRange(past);
        return new DecoderIo
        {
            InputIds = inputIds,
            IdType = inputs[inputIds].ElementDataType,
            AttentionMask = mask,
            MaskType = mask is null ? TensorElementType.Int64 : inputs[mask].ElementDataType,
            PositionIds = positions,
            PositionType = positions is null ? TensorElementType.Int64 : inputs[positions].ElementDataType,
            PastNames = [.. past],
            PresentNames = [.. present],
            EmptyPastShapes = [.. past.Select(n => EmptyShape(inputs[n].Dimensions, config))],
            KvType = kvType,
            Logits = logits,
            LogitsType = logitsType,
            LogitsWidth = logitsDims.Length > 0 && logitsDims[^1] > 0 ? logitsDims[^1] : 0,
            Layers = layers,
            InputNames = [.. names],
            OutputNames = [logits, .. present],
        };
    }

    private static string Format(string pattern, int layer) =>
        pattern.Replace("%d", layer.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    // [.., heads, seq, head_size] with seq = 0; dynamic heads/head size come from genai_config.json, other dynamic dims are the batch (1).
    private static long[] EmptyShape(int[] dims, GenAIConfig config)
    {
        var shape = new long[dims.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            shape[i] = i == dims.Length - 2 ? 0
                : dims[i] > 0 ? dims[i]
                : i == dims.Length - 1 ? config.HeadSize
                : i == dims.Length - 3 ? config.NumKeyValueHeads
                : 1;
        }

        return shape;
    }
}
