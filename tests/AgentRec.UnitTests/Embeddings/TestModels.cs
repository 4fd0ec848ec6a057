using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Onnx;

namespace AgentRec.UnitTests.Embeddings;

/// <summary>Builds the tiny random BERT once per test run and opens encoders over it.</summary>
public sealed class TinyBertFixture : IDisposable
{
    public TinyBertFixture()
    {
        VocabPath = DataPaths.FindShared("models/tokenizers/bert-uncased-wordpiece/vocab.txt")
            ?? throw new InvalidOperationException("shared/models/tokenizers/bert-uncased-wordpiece/vocab.txt is missing.");
        Folder = Directory.CreateTempSubdirectory("agentrec-bert-").FullName;
        ModelPath = Path.Combine(Folder, "model.onnx");
        Weights = BertOnnxBuilder.BuildRandom(BertEncoderConfig.Tiny(seed: 7), ModelPath);
    }

    public string VocabPath { get; }

    public string Folder { get; }

    public string ModelPath { get; }

    public BertWeights Weights { get; }

    public OnnxTextEncoder Open(TextPooling pooling = TextPooling.Mean, int batchSize = 8, bool normalize = true) =>
        OnnxTextEncoder.Create(ModelPath, VocabPath, new OnnxTextEncoderOptions { Pooling = pooling, BatchSize = batchSize, Normalize = normalize, IntraOpThreads = 1 });

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
