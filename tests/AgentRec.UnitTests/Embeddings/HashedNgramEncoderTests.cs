using System.Numerics.Tensors;
using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Evaluation;
using AgentRec.Core.Training;

namespace AgentRec.UnitTests.Embeddings;

public sealed class HashedNgramEncoderTests
{
    private static readonly string[] Texts = ["Heat (1995). Genres: Action, Crime, Thriller.", "time travel", "", "猫 动画 电影", "A much longer text about toys, cowboys and space rangers"];

    [Fact]
    public void Featurizer_is_deterministic_and_weights_sum_to_one()
    {
        var featurizer = new HashedNgramFeaturizer(1 << 12);

        var a = featurizer.Featurize("Dark crime thriller set in Los Angeles");
        var b = new HashedNgramFeaturizer(1 << 12).Featurize("Dark crime thriller set in Los Angeles");

        Assert.Equal(a.Ids, b.Ids);
        Assert.Equal(1f, a.Weights.Sum(), 1e-5f);
        Assert.All(a.Ids, id => Assert.InRange(id, 0, (1 << 12) - 1));
    }

    [Fact]
    public void Onnx_export_gives_the_same_unit_vectors_as_the_csharp_forward_pass()
    {
        var model = HashedNgramModel.CreateRandom(1 << 12, 16, 8, new Random(3));
        var folder = Directory.CreateTempSubdirectory("agentrec-enc-").FullName;
        try
        {
            new TrainedEncoder(model, new EncoderManifest { Seed = 3, Buckets = 1 << 12, Dims = 16, OutputDims = 8 }).Save(folder);
            using var encoder = HashedNgramEncoder.Load(folder, intraOpThreads: 1);

            var onnx = encoder.Encode(Texts);
            var direct = model.Encode(Texts);

            for (var i = 0; i < Texts.Length; i++)
            {
                for (var j = 0; j < 8; j++)
                {
                    Assert.Equal(direct[i][j], onnx[i][j], 1e-5f);
                }

                if (Texts[i].Length > 0)
                {
                    Assert.Equal(1f, TensorPrimitives.Norm(onnx[i]), 1e-4f);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Loading_a_folder_with_a_corrupt_manifest_is_a_clear_error()
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-enc-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, EncoderManifest.FileName), "{ not json");

            var error = Assert.Throws<InvalidDataException>(() => HashedNgramEncoder.Load(folder));

            Assert.Contains(EncoderManifest.FileName, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Trained_encoder_beats_the_untrained_one_on_held_out_queries()
    {
        var folder = DataPaths.FindShared("data/ml-latest-small") ?? throw new InvalidOperationException("shared/data/ml-latest-small is missing.");
        var options = new RetrievalEvaluationOptions
        {
            MaxQueriesPerTask = 400,
            Training = EncoderTrainingOptions.Tiny(),
        };

        var result = RetrievalEvaluation.Run(folder, options);

        Assert.True(result.TagQuery.FineTuned.RecallAt50 > 1.2 * result.TagQuery.Untrained.RecallAt50, result.ToSummaryJson());
        Assert.True(result.CoLiked.FineTuned.RecallAt50 > 1.2 * result.CoLiked.Untrained.RecallAt50, result.ToSummaryJson());
    }

    [Fact]
    public void Summary_json_has_exactly_the_contract_keys()
    {
        var r = new RetrievalRecall(0.12346, 0.5);
        var task = new RetrievalTaskResult(10, r, r, r, r);
        var result = new RetrievalEvaluationResult(task, task, 1, 1, 1, 1, 0, TimeSpan.Zero);

        var json = result.ToSummaryJson();

        var one = """{"recallAt10":0.1235,"recallAt50":0.5}""";
        var methods = "{\"lexical\":" + one + ",\"untrained\":" + one + ",\"fineTuned\":" + one + ",\"hybrid\":" + one + "}";
        Assert.Equal("{\"tasks\":{\"tagQuery\":" + methods + ",\"coLiked\":" + methods + "}}", json);
    }

    [Fact]
    public void Pretrained_encoder_rows_follow_the_four_methods_in_the_table_and_the_json()
    {
        var r = new RetrievalRecall(0.1, 0.2);
        var task = new RetrievalTaskResult(10, r, r, r, r)
        {
            Pretrained = [new RetrievalMethodRecall("minilm", new RetrievalRecall(0.3, 0.4)), new RetrievalMethodRecall("hybrid:minilm", new RetrievalRecall(0.5, 0.6))],
        };
        var result = new RetrievalEvaluationResult(task, task with { Pretrained = [] }, 1, 1, 1, 1, 0, TimeSpan.Zero);

        var json = result.ToSummaryJson();

        Assert.Equal(
            ["lexical", "untrained", "fineTuned", "hybrid", "minilm", "hybrid:minilm", "lexical", "untrained", "fineTuned", "hybrid"],
            result.Rows.Select(row => row.Method));
        Assert.Contains(",\"hybrid\":{\"recallAt10\":0.1,\"recallAt50\":0.2},\"minilm\":{\"recallAt10\":0.3,\"recallAt50\":0.4},\"hybrid:minilm\":{\"recallAt10\":0.5,\"recallAt50\":0.6}},\"coLiked\"", json, StringComparison.Ordinal);
    }
}
