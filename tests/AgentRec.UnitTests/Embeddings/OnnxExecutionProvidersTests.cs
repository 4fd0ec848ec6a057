using AgentRec.Core.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace AgentRec.UnitTests.Embeddings;

/// <summary>Execution provider choice of the encoder sessions; the tests build with the CPU ONNX Runtime package.</summary>
public sealed class OnnxExecutionProvidersTests(TinyBertFixture bert) : IClassFixture<TinyBertFixture>
{
    [Fact]
    public void Asking_for_cuda_from_the_cpu_build_fails_saying_what_cuda_needs()
    {
        using var options = new SessionOptions();

        var e = Assert.Throws<InvalidOperationException>(() => OnnxExecutionProviders.Append(options, "cuda"));

        Assert.Contains("-p:OnnxRuntimeGpu=true", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public void An_unknown_provider_is_refused_by_name()
    {
        using var options = new SessionOptions();

        var e = Assert.Throws<ArgumentException>(() => OnnxExecutionProviders.Append(options, "tpu"));

        Assert.Contains("'tpu'", e.Message, StringComparison.Ordinal);
        Assert.False(OnnxExecutionProviders.IsKnown("tpu"));
        Assert.True(OnnxExecutionProviders.IsKnown("CUDA"));
    }

    [Fact]
    public void An_encoder_asked_to_run_on_cuda_without_it_is_not_opened_on_the_cpu()
    {
        var e = Assert.Throws<InvalidOperationException>(() => OnnxTextEncoder.Create(bert.ModelPath, bert.VocabPath, new OnnxTextEncoderOptions { ExecutionProvider = "cuda" }));

        Assert.Contains("CUDA execution provider is not available", e.Message, StringComparison.Ordinal);
    }
}
