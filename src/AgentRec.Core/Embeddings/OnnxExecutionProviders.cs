using Microsoft.ML.OnnxRuntime;

namespace AgentRec.Core.Embeddings;

/// <summary>Where an ONNX encoder or cross-encoder session runs: <c>cpu</c>, or <c>cuda</c> (GPU 0).</summary>
public static class OnnxExecutionProviders
{
    /// <summary>The CPU execution provider (ONNX Runtime's default).</summary>
    public const string Cpu = "cpu";

    /// <summary>The CUDA execution provider; needs the GPU build (-p:OnnxRuntimeGpu=true), CUDA 12 and cuDNN 9.</summary>
    public const string Cuda = "cuda";

    /// <summary>True for the names <see cref="Append"/> accepts.</summary>
    public static bool IsKnown(string? provider) =>
        string.Equals(provider, Cpu, StringComparison.OrdinalIgnoreCase) || string.Equals(provider, Cuda, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Adds <paramref name="provider"/> to <paramref name="options"/>. Asking for CUDA where it cannot load (the CPU
    /// package, no driver, no GPU) throws <see cref="InvalidOperationException"/> saying why: the session is not
    /// quietly moved to the CPU.
    /// </summary>
    public static void Append(SessionOptions options, string provider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(provider, Cpu, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!string.Equals(provider, Cuda, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown ONNX execution provider '{provider}'; use 'cpu' or 'cuda'.", nameof(provider));
        }

        try
        {
            options.AppendExecutionProvider_CUDA(0);
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            throw new InvalidOperationException(
                $"The CUDA execution provider is not available ({e.Message.Split('\n')[0].Trim()}); it needs the GPU build (-p:OnnxRuntimeGpu=true), an NVIDIA driver, CUDA 12 and cuDNN 9.", e);
        }
    }
}
