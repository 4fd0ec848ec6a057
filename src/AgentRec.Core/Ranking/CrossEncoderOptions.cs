namespace AgentRec.Core.Ranking;

/// <summary>Settings of the cross-encoder reranker (section <c>Ranking:CrossEncoder</c>).</summary>
public sealed class CrossEncoderOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Ranking:CrossEncoder";

    /// <summary>Model folder holding model.onnx and vocab.txt; the cross-encoder is used when this is set.</summary>
    public string? Path { get; set; }

    /// <summary>Longest pair in tokens, [CLS] and both [SEP] included.</summary>
    [Range(8, 512)]
    public int MaxSequenceLength { get; set; } = 256;

    /// <summary>Pairs per inference call.</summary>
    [Range(1, 1024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Lower-case before WordPiece (the uncased BERT vocabularies need it).</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads; 0 lets the runtime decide.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>Execution provider: <c>cpu</c> or <c>cuda</c> (the GPU build; see <see cref="Embeddings.OnnxExecutionProviders"/>).</summary>
    [RegularExpression("^(?i)(cpu|cuda)$", ErrorMessage = "Ranking:CrossEncoder:ExecutionProvider must be 'cpu' or 'cuda'.")]
    public string ExecutionProvider { get; set; } = Embeddings.OnnxExecutionProviders.Cpu;
}
