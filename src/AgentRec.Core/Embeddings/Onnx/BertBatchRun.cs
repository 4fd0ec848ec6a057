using Microsoft.ML.OnnxRuntime;

namespace AgentRec.Core.Embeddings.Onnx;

/// <summary>
/// One run of a BERT-family graph over a padded batch: input_ids, attention_mask and (when the graph takes it)
/// token_type_ids wrap the caller's [batch, length] buffers without copying; the outputs stay in the runtime's arena.
/// </summary>
internal static class BertBatchRun
{
    public static IDisposableReadOnlyCollection<OrtValue> Run(
        InferenceSession session, RunOptions runOptions, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<string> outputNames,
        Memory<long> ids, Memory<long> mask, Memory<long>? types, int batch, int length)
    {
        long[] shape = [batch, length];
        var memory = OrtMemoryInfo.DefaultInstance;
        using var idsValue = OrtValue.CreateTensorValueFromMemory(memory, ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(memory, mask, shape);
        using var typesValue = types is { } t ? OrtValue.CreateTensorValueFromMemory(memory, t, shape) : null;
        OrtValue[] values = typesValue is null ? [idsValue, maskValue] : [idsValue, maskValue, typesValue];
        return session.Run(runOptions, inputNames, values, outputNames);
    }
}
