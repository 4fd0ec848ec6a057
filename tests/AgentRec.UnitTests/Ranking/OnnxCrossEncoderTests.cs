using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using Microsoft.ML.OnnxRuntime;

namespace AgentRec.UnitTests.Ranking;

public sealed class OnnxCrossEncoderTests(CrossEncoderFixture fixture) : IClassFixture<CrossEncoderFixture>
{
    private static readonly string[] Texts =
    [
        "Heat (1995). Genres: Action, Crime, Thriller. Tags: heist, los angeles, shootout.",
        "Toy Story",
        "Spirited Away (2001). Genres: Adventure, Animation, Fantasy. Tags: studio ghibli, japan, bathhouse, spirits, coming of age.",
        "A quiet romance in Paris about two strangers who talk all night and then part at the train station in the morning.",
        "Primer (2004). Genres: Drama, Sci-Fi, Thriller. Tags: time travel, low budget, complicated.",
    ];

    [Fact]
    public void Encodes_a_pair_as_cls_query_sep_text_sep_with_segment_ids()
    {
        using var encoder = fixture.Open();

        var (ids, types) = encoder.EncodePair("Hello", "world!");

        // [CLS] hello [SEP] world ! [SEP] in the BERT uncased vocab.
        Assert.Equal([101, 7592, 102, 2088, 999, 102], ids);
        Assert.Equal([0, 0, 0, 1, 1, 1], types);
    }

    [Fact]
    public void Truncates_the_longer_side_first_to_the_maximum_length()
    {
        using var encoder = fixture.Open(maxLength: 16);
        var longText = string.Join(' ', Enumerable.Repeat("heist", 40));

        var (ids, types) = encoder.EncodePair("time travel", longText);

        Assert.Equal(16, ids.Length);
        Assert.Equal([101, 2051, 3604, 102], ids[..4]); // the short query is kept whole
        Assert.Equal(102, ids[^1]);
        Assert.Equal(12, types.Count(t => t == 1)); // 11 text tokens and the closing [SEP]
    }

    [Fact]
    public void Scores_are_probabilities_that_differ_between_texts()
    {
        using var encoder = fixture.Open();

        var scores = encoder.ScorePairs("heist movie in los angeles", Texts);

        Assert.Equal(Texts.Length, scores.Length);
        Assert.All(scores, s => Assert.InRange(s, 0f, 1f));
        Assert.True(scores.Distinct().Count() > 1);
    }

    [Fact]
    public void A_pair_scored_alone_equals_the_same_pair_inside_a_padded_batch()
    {
        using var batched = fixture.Open(batchSize: 8);
        using var single = fixture.Open(batchSize: 1);
        const string query = "time travel science fiction";

        var inBatch = batched.ScorePairs(query, Texts);
        var alone = Texts.Select(t => single.ScorePairs(query, [t])[0]).ToArray();

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(alone[i], inBatch[i], 1e-5f);
        }
    }

    [Fact]
    public void Pairs_of_very_different_lengths_split_into_runs_score_as_they_do_alone()
    {
        using var batched = fixture.Open(batchSize: 32);
        using var single = fixture.Open(batchSize: 1);
        const string query = "heist";
        var longText = string.Join(' ', Enumerable.Repeat("a slow atmospheric heist thriller set in los angeles", 6));
        string[] texts = ["heat", longText, "alien", longText + " with a great soundtrack", "toy story", "up"];

        var inOneCall = batched.ScorePairs(query, texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(single.ScorePairs(query, [texts[i]])[0], inOneCall[i], 1e-5f);
        }
    }

    [Fact]
    public void Length_sorted_truncated_batches_score_each_pair_as_its_own_model_inputs_do()
    {
        using var encoder = fixture.Open(batchSize: 2, maxLength: 24);
        const string query = "heist movie in los angeles";
        using var session = new InferenceSession(Path.Combine(fixture.SingleLogitFolder, OnnxCrossEncoder.ModelFileName));
        using var runOptions = new RunOptions();

        var scores = encoder.ScorePairs(query, Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            var (ids, types) = encoder.EncodePair(query, Texts[i]);
            long[] shape = [1, ids.Length];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids.Select(x => (long)x).ToArray(), shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(types.Select(x => (long)x).ToArray(), shape);
            using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["logits"]);
            var logit = outputs[0].GetTensorDataAsSpan<float>()[0];
            Assert.Equal(1f / (1f + MathF.Exp(-logit)), scores[i], 1e-5f);
        }
    }

    [Fact]
    public void Two_logit_models_score_the_positive_class()
    {
        using var encoder = fixture.Open(folder: fixture.TwoLogitFolder);
        var (ids, types) = encoder.EncodePair("heist", Texts[0]);
        using var session = new InferenceSession(Path.Combine(fixture.TwoLogitFolder, OnnxCrossEncoder.ModelFileName));
        long[] shape = [1, ids.Length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types.Select(t => (long)t).ToArray(), shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["logits"]);
        var logits = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        var score = encoder.ScorePairs("heist", [Texts[0]])[0];

        Assert.Equal(2, logits.Length);
        Assert.Equal(1f / (1f + MathF.Exp(logits[0] - logits[1])), score, 1e-5f);
    }

    [Fact]
    public async Task Reranks_candidates_by_descending_cross_encoder_relevance()
    {
        using var encoder = fixture.Open();
        var candidates = Texts.Select((t, i) => new ScoredCandidate(
            new CatalogItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "t" + i, "t" + i, 2000, [], [], t, 0, 0, ItemDomain.Movie), i, 0)).ToArray();
        var expected = encoder.ScorePairs("time travel", Texts);

        var ranked = await encoder.RerankAsync(new RecommendationIntent(), "time travel", candidates, CancellationToken.None);

        Assert.Equal(
            Enumerable.Range(0, Texts.Length).OrderByDescending(i => expected[i]).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ranked.Select(c => c.Item.Id));
    }

    [Fact]
    public void A_missing_model_file_is_named_in_the_error()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, "no-model")).FullName;
        File.Copy(Path.Combine(fixture.SingleLogitFolder, OnnxCrossEncoder.VocabFileName), Path.Combine(folder, OnnxCrossEncoder.VocabFileName), overwrite: true);

        var error = Assert.Throws<FileNotFoundException>(() => OnnxCrossEncoder.Open(folder));

        Assert.Contains(Path.Combine(folder, OnnxCrossEncoder.ModelFileName), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_vocabulary_is_named_in_the_error()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, "no-vocab")).FullName;
        File.Copy(Path.Combine(fixture.SingleLogitFolder, OnnxCrossEncoder.ModelFileName), Path.Combine(folder, OnnxCrossEncoder.ModelFileName), overwrite: true);

        var error = Assert.Throws<FileNotFoundException>(() => OnnxCrossEncoder.Open(folder));

        Assert.Contains(Path.Combine(folder, OnnxCrossEncoder.VocabFileName), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_model_file_is_named_in_the_error()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, "corrupt")).FullName;
        File.Copy(Path.Combine(fixture.SingleLogitFolder, OnnxCrossEncoder.VocabFileName), Path.Combine(folder, OnnxCrossEncoder.VocabFileName), overwrite: true);
        File.WriteAllText(Path.Combine(folder, OnnxCrossEncoder.ModelFileName), "not an onnx graph");

        var error = Assert.Throws<InvalidDataException>(() => OnnxCrossEncoder.Open(folder));

        Assert.Contains(Path.Combine(folder, OnnxCrossEncoder.ModelFileName), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_named_in_the_error()
    {
        var folder = Path.Combine(fixture.Root, "absent");

        var error = Assert.Throws<DirectoryNotFoundException>(() => OnnxCrossEncoder.Open(folder));

        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }
}
