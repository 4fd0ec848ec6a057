using Microsoft.ML.OnnxRuntime;

namespace AgentRec.Core.Llm;

/// <summary>Which execution provider a model should try first, from <c>Llm:ExecutionProvider</c> and what the linked ONNX Runtime offers.</summary>
public static class ExecutionProviders
{
    /// <summary>The ONNX Runtime name of the CUDA provider, listed only by the GPU package (build with -p:OnnxRuntimeGpu=true).</summary>
    public const string CudaProviderName = "CUDAExecutionProvider";

    /// <summary>The providers the linked ONNX Runtime was built with, comma-separated, and its version.</summary>
    public static (string Version, string Providers) Describe()
    {
        var env = OrtEnv.Instance();
        return (env.GetVersionString(), string.Join(", ", env.GetAvailableProviders()));
    }

    /// <summary>True when the linked ONNX Runtime has the CUDA provider (whether a GPU is there is known only when it loads).</summary>
    public static bool CudaBuilt() => OrtEnv.Instance().GetAvailableProviders().Contains(CudaProviderName, StringComparer.Ordinal);

    /// <summary>
    /// True when CUDA should be tried: "cuda" always (a missing provider then falls back with a warning), "auto" when the
    /// linked runtime has it, "cpu" never.
    /// </summary>
    public static bool ShouldTryCuda(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return requested.ToUpperInvariant() switch
        {
            "CUDA" => true,
            "AUTO" => CudaBuilt(),
            _ => false,
        };
    }
}
