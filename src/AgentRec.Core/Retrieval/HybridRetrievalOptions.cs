using System.ComponentModel.DataAnnotations;

namespace AgentRec.Core.Retrieval;

/// <summary>Settings of the hybrid retriever and its encoder. Section <c>Retrieval</c>.</summary>
public sealed class HybridRetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>RRF weight of BM25 relative to the vector ranking (weight 1).</summary>
    public const double DefaultLexicalWeight = 0.25;

    /// <summary>Folder of the trained encoder (encoder.onnx + encoder.json). Default: models/trained/encoder under the repository, else under the cache directory.</summary>
    public string? EncoderDirectory { get; set; }

    /// <summary>Folder for cached item vectors. Default: the catalog cache directory's vectors/ folder.</summary>
    public string? VectorCacheDirectory { get; set; }

    /// <summary>Train the encoder in the background at start-up when no trained model exists (lexical serves meanwhile).</summary>
    public bool TrainWhenMissing { get; set; } = true;

    /// <summary>RRF weight of the BM25 ranking.</summary>
    [Range(0, 100)]
    public double LexicalWeight { get; set; } = DefaultLexicalWeight;

    /// <summary>RRF weight of the request-text vector ranking.</summary>
    [Range(0, 100)]
    public double VectorWeight { get; set; } = 1.0;

    /// <summary>RRF weight of the named titles' vector ranking for "similar" requests.</summary>
    [Range(0, 100)]
    public double AnchorWeight { get; set; } = 1.5;

    /// <summary>How deep each ranking goes before fusion.</summary>
    [Range(10, 10000)]
    public int FusionDepth { get; set; } = 200;
}
