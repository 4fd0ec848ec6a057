using AgentRec.Core.Catalog;
using AgentRec.Core.Llm;
using BenchmarkDotNet.Attributes;

namespace AgentRec.Benchmarks;

/// <summary>The LLM decode loop on the tiny GenAI test model: KV cache (baseline) against full recompute, 64 new tokens.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private OnnxGenAIModel _model = null!;
    private int[] _prompt = null!;
    private GenerationSettings _settings = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = DataPaths.FindShared("models/test/tiny-random-gpt2-fp32")
            ?? throw new InvalidOperationException("shared/models/test/tiny-random-gpt2-fp32 not found beside the repository.");
        _model = OnnxGenAIModel.Load(folder);
        _prompt = _model.EncodePrompt(string.Join(' ', Enumerable.Repeat("movie night", 60)));
        _settings = new GenerationSettings { MaxNewTokens = 64, DoSample = false };
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Baseline = true)]
    public int WithKvCache() => _model.GenerateTokens(_prompt, _settings).Count;

    [Benchmark]
    public int Recompute() => _model.GenerateTokens(_prompt, _settings with { UseKvCache = false }).Count;
}
