namespace AgentRec.Core.Llm;

/// <summary>The local LLM. Section <c>Llm</c>; with no <see cref="ModelPath"/>, no LLM is loaded and intent parsing uses rules.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>A model folder in the ONNX Runtime GenAI layout (genai_config.json, the ONNX decoder, tokenizer.json).</summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Which engine runs the model folder: "genai" (the ONNX Runtime GenAI library, Microsoft.ML.OnnxRuntimeGenAI; the
    /// default: faster per token where the model's run dominates) or "native" (the project's own decode loop over
    /// Microsoft.ML.OnnxRuntime: faster on tiny models and for the first token, and it can constrain output on folders
    /// whose tokenizer is wider than the model). Both serve the same IChatClient contract (docs/PERFORMANCE.md compares them).
    /// </summary>
    [RegularExpression("^(genai|native|GenAI|GENAI|NATIVE)$", ErrorMessage = "Llm:Engine must be 'genai' or 'native'.")]
    public string Engine { get; set; } = LlmEngines.GenAI;

    /// <summary>
    /// "auto" (CUDA when the linked ONNX Runtime has it and it loads, otherwise the CPU), "cuda" (warns when it falls back)
    /// or "cpu". CUDA needs the GPU ONNX Runtime package (build with -p:OnnxRuntimeGpu=true). The choice is logged.
    /// </summary>
    [RegularExpression("^(auto|cpu|cuda|AUTO|CPU|CUDA)$", ErrorMessage = "Llm:ExecutionProvider must be 'auto', 'cpu' or 'cuda'.")]
    public string ExecutionProvider { get; set; } = "auto";

    /// <summary>The most tokens one intent answer may take.</summary>
    [Range(16, 4096, ErrorMessage = "Llm:MaxNewTokens must be between 16 and 4096.")]
    public int MaxNewTokens { get; set; } = 256;

    /// <summary>How long the LLM parser may take before the rule parser answers instead.</summary>
    [Range(1, 600_000, ErrorMessage = "Llm:TimeoutMs must be between 1 and 600000.")]
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>Seed of the sampler when the prompt's settings sample (temperature above 0).</summary>
    public int Seed { get; set; }

    /// <summary>The intent prompt file; by default prompts/intent.yaml under the repository root or the app's folder.</summary>
    public string? IntentPromptPath { get; set; }

    /// <summary>The explanation prompt file; by default prompts/explain.yaml under the repository root or the app's folder.</summary>
    public string? ExplainPromptPath { get; set; }
}
