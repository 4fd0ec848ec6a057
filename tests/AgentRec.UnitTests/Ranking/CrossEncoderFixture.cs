using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings.Onnx;
using AgentRec.Core.Ranking;

namespace AgentRec.UnitTests.Ranking;

/// <summary>Writes tiny random BERT sequence classifiers (one and two logits) beside the real BERT vocabulary, once per test run.</summary>
public sealed class CrossEncoderFixture : IDisposable
{
    public CrossEncoderFixture()
    {
        var vocab = DataPaths.FindShared("models/tokenizers/bert-uncased-wordpiece/vocab.txt")
            ?? throw new InvalidOperationException("shared/models/tokenizers/bert-uncased-wordpiece/vocab.txt is missing.");
        Root = Directory.CreateTempSubdirectory("agentrec-cross-").FullName;
        SingleLogitFolder = Write("one", vocab, labels: 1);
        TwoLogitFolder = Write("two", vocab, labels: 2);
    }

    public string Root { get; }

    public string SingleLogitFolder { get; }

    public string TwoLogitFolder { get; }

    public OnnxCrossEncoder Open(int batchSize = 8, int maxLength = 64, string? folder = null) =>
        OnnxCrossEncoder.Open(folder ?? SingleLogitFolder, new CrossEncoderOptions { BatchSize = batchSize, MaxSequenceLength = maxLength, IntraOpThreads = 1 });

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string Write(string name, string vocab, int labels)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        BertOnnxBuilder.BuildRandomClassifier(BertEncoderConfig.Tiny(seed: 11), Path.Combine(folder, OnnxCrossEncoder.ModelFileName), labels);
        File.Copy(vocab, Path.Combine(folder, OnnxCrossEncoder.VocabFileName));
        return folder;
    }
}
