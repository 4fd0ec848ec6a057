using AgentRec.Core.Catalog;
using AgentRec.Core.Llm;

namespace AgentRec.UnitTests.Llm;

/// <summary>The two tiny random-weight GenAI model folders in shared/models/test, loaded once for every LLM test by each engine.</summary>
public sealed class TestModels : IDisposable
{
    public const string Gpt2Folder = "models/test/tiny-random-gpt2-fp32";
    public const string LlamaFolder = "models/test/tiny-random-llama-fp16";

    public TestModels()
    {
        Gpt2 = OnnxGenAIModel.Load(PathOf(Gpt2Folder));
        Llama = OnnxGenAIModel.Load(PathOf(LlamaFolder));
        GenAIGpt2 = GenAIEngineModel.Load(PathOf(Gpt2Folder));
        GenAILlama = GenAIEngineModel.Load(PathOf(LlamaFolder));
    }

    public OnnxGenAIModel Gpt2 { get; }

    public OnnxGenAIModel Llama { get; }

    /// <summary>The gpt2 folder run by ONNX Runtime GenAI.</summary>
    public GenAIEngineModel GenAIGpt2 { get; }

    /// <summary>The llama folder run by ONNX Runtime GenAI.</summary>
    public GenAIEngineModel GenAILlama { get; }

    public static string PathOf(string relative) =>
        DataPaths.FindShared(relative) ?? throw new InvalidOperationException($"shared/{relative} not found beside the repository.");

    public void Dispose()
    {
        Gpt2.Dispose();
        Llama.Dispose();
        GenAIGpt2.Dispose();
        GenAILlama.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TestModelsCollection : ICollectionFixture<TestModels>
{
    public const string Name = "Tiny GenAI models";
}
