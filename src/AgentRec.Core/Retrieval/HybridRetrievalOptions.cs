using AgentRec.Core.Fusion;

namespace AgentRec.Core.Retrieval;

/// <summary>Settings of the hybrid retriever and its encoder. Section <c>Retrieval</c>.</summary>
public sealed class HybridRetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>The channel weights of the reciprocal-rank fusion (<see cref="RetrievalChannelFusion"/>).</summary>
    public RetrievalChannelWeights ChannelWeights() =>
        new(LexicalWeight, AnchorLexicalWeight, DistinctMatchWeight, VectorWeight, AnchorWeight);

    /// <summary>RRF weight of BM25 relative to the vector ranking (weight 1).</summary>
    public const double DefaultLexicalWeight = 0.25;

    /// <summary>RRF weight of BM25 for requests anchored on named titles: 0, which `eval retrieval` picks on validation co-liked pairs (no weight above 0 gains beyond one standard error).</summary>
    public const double DefaultAnchorLexicalWeight = 0;

    /// <summary>The project's own encoder (the trained one in <see cref="EncoderDirectory"/>): the default.</summary>
    public const string OwnEncoder = "own";

    /// <summary>The own encoder fused with arctic-xs (<see cref="FusedEncoderWeight"/>).</summary>
    public const string OwnArcticEncoder = "own+arctic-xs";

    /// <summary>The own encoder fused with minilm (<see cref="FusedEncoderWeight"/>).</summary>
    public const string OwnMiniLmEncoder = "own+minilm";

    /// <summary>The pretrained encoders' weight in a fused encoder: picked by <c>eval retrieval</c> (docs/PERFORMANCE.md).</summary>
    public const double DefaultFusedEncoderWeight = 0.4;

    /// <summary>
    /// Which text encoder embeds items and requests: <c>own</c> (default), a pretrained model of models/models.json
    /// installed by <c>agentrec models pull</c>: <c>minilm</c> (all-MiniLM-L6-v2) or <c>arctic-xs</c>
    /// (snowflake-arctic-embed-xs), or the own encoder fused with one of them (<c>own+arctic-xs</c>,
    /// <c>own+minilm</c>). A pretrained model whose files are missing or corrupt falls back to <c>own</c> with a
    /// warning naming the file.
    /// </summary>
    [AllowedValues(OwnEncoder, "minilm", "arctic-xs", OwnArcticEncoder, OwnMiniLmEncoder)]
    public string Encoder { get; set; } = OwnEncoder;

    /// <summary>
    /// Weight w of the pretrained model in a fused encoder (<c>own+NAME</c>): items and requests are ranked by
    /// (1−w)·cos_own + w·cos_NAME (<see cref="EncoderSimilarityFusion"/>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double FusedEncoderWeight { get; set; } = DefaultFusedEncoderWeight;

    /// <summary>The pretrained model the own encoder is fused with (<c>arctic-xs</c> for <c>own+arctic-xs</c>); null when <see cref="Encoder"/> is no fusion.</summary>
    public string? FusedPretrained =>
        Encoder.StartsWith(OwnEncoder + "+", StringComparison.OrdinalIgnoreCase) ? Encoder[(OwnEncoder.Length + 1)..] : null;

    /// <summary>The model manifest naming the pretrained encoders. Default: models/models.json under the repository.</summary>
    public string? ModelManifest { get; set; }

    /// <summary>Folder of the trained encoder (encoder.onnx + encoder.json). Default: models/trained/encoder under the repository, else under the cache directory.</summary>
    public string? EncoderDirectory { get; set; }

    /// <summary>Folder for cached item vectors. Default: the catalog cache directory's vectors/ folder.</summary>
    public string? VectorCacheDirectory { get; set; }

    /// <summary>Train the encoder in the background at start-up when no trained model exists (lexical serves meanwhile).</summary>
    public bool TrainWhenMissing { get; set; } = true;

    /// <summary>A copy of every setting, for a caller that varies some (the weight search of `eval retrieval`).</summary>
    public HybridRetrievalOptions Copy() => (HybridRetrievalOptions)MemberwiseClone();

    /// <summary>RRF weight of the BM25 ranking for requests without named titles.</summary>
    [Range(0.0, 100.0)]
    public double LexicalWeight { get; set; } = DefaultLexicalWeight;

    /// <summary>
    /// RRF weight of the BM25 ranking for "similar" requests, whose lexical query is the named titles' genres, tags and
    /// authors: a far weaker guide to the items liked with them than a request's own words are to what it asks for.
    /// </summary>
    [Range(0.0, 100.0)]
    public double AnchorLexicalWeight { get; set; } = DefaultAnchorLexicalWeight;

    /// <summary>RRF weight of the request-text vector ranking.</summary>
    [Range(0.0, 100.0)]
    public double VectorWeight { get; set; } = 1.0;

    /// <summary>RRF weight of the named titles' vector ranking for "similar" requests.</summary>
    [Range(0.0, 100.0)]
    public double AnchorWeight { get; set; } = 1.5;

    /// <summary>
    /// RRF weight of the distinct text matches: the few items (at most <see cref="DistinctMatchLimit"/>) whose BM25
    /// score is within <see cref="DistinctMatchRatio"/> of the best, when the request's words single them out
    /// ("interstellar", "films by Christopher Nolan"). Above the vector weights, so a title or name the user typed leads.
    /// </summary>
    [Range(0.0, 100.0)]
    public double DistinctMatchWeight { get; set; } = 2.0;

    /// <summary>Share of the best BM25 score an item needs to count as a distinct match.</summary>
    [Range(0.0, 1.0)]
    public double DistinctMatchRatio { get; set; } = 0.6;

    /// <summary>Most items that may count as distinct matches; a broader match ("dark comedies") is no single-out and fuses as usual.</summary>
    [Range(0, 1000)]
    public int DistinctMatchLimit { get; set; } = 20;

    /// <summary>Request texts whose embeddings are kept (least recently used evicted); 0 embeds every request anew.</summary>
    [Range(0, 1_000_000)]
    public int QueryCacheCapacity { get; set; } = QueryEmbeddingCache.DefaultCapacity;

    /// <summary>How deep each ranking goes before fusion.</summary>
    [Range(10, 10000)]
    public int FusionDepth { get; set; } = 200;
}
