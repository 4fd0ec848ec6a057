namespace AgentRec.Core.Embeddings;

/// <summary>
/// The saved form of the project's hashed n-gram encoder as training writes it and <see cref="HashedNgramEncoder"/>
/// serves it: the graph's file name in the encoder folder and the names of its inputs and output.
/// </summary>
public static class HashedNgramGraph
{
    /// <summary>The ONNX graph's file in an encoder folder (beside <see cref="EncoderManifest.FileName"/>).</summary>
    public const string ModelFileName = "encoder.onnx";

    /// <summary>Name of the ids input: [batch, features] int64, padded with 0.</summary>
    public const string IdsInput = "feature_ids";

    /// <summary>Name of the weights input: [batch, features] float, 0 on padding.</summary>
    public const string WeightsInput = "feature_weights";

    /// <summary>Name of the output: [batch, outputDims] float, unit length.</summary>
    public const string Output = "sentence_embedding";
}
