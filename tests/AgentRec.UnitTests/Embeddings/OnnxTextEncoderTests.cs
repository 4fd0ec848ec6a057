using System.Numerics.Tensors;
using AgentRec.Core.Embeddings;
using Microsoft.Extensions.AI;

namespace AgentRec.UnitTests.Embeddings;

public sealed class OnnxTextEncoderTests(TinyBertFixture fixture) : IClassFixture<TinyBertFixture>
{
    private static readonly string[] Texts =
    [
        "A heist movie with a clever twist",
        "space",
        "Animated films for kids about friendship and toys, from the 1990s",
        "Time travel science fiction",
        "dark and gritty crime thriller set in los angeles with a long shootout",
    ];

    [Fact]
    public void Tokenizes_with_the_real_bert_vocabulary()
    {
        using var encoder = fixture.Open();

        var ids = encoder.Tokenize("Hello, unaffable world!");

        // [CLS] hello , una ##ffa ##ble world ! [SEP] in the BERT uncased vocab.
        Assert.Equal([101, 7592, 1010, 14477, 20961, 3468, 2088, 999, 102], ids);
    }

    [Fact]
    public void Builder_bert_matches_a_direct_forward_pass()
    {
        using var encoder = fixture.Open(TextPooling.Cls, normalize: false);
        const string text = "time travel heist";
        var ids = encoder.Tokenize(text);

        var hidden = BertReference.Forward(fixture.Weights, ids);
        var cls = encoder.Encode([text])[0];

        Assert.Equal(fixture.Weights.Config.HiddenSize, cls.Length);
        for (var j = 0; j < cls.Length; j++)
        {
            Assert.Equal(hidden[0, j], cls[j], 3e-4f);
        }
    }

    [Fact]
    public void Mean_pooling_averages_the_reference_token_vectors()
    {
        using var encoder = fixture.Open(TextPooling.Mean, normalize: false);
        const string text = "a quiet romance in paris";
        var hidden = BertReference.Forward(fixture.Weights, encoder.Tokenize(text));

        var mean = encoder.Encode([text])[0];

        for (var j = 0; j < mean.Length; j++)
        {
            double sum = 0;
            for (var i = 0; i < hidden.GetLength(0); i++)
            {
                sum += hidden[i, j];
            }

            Assert.Equal((float)(sum / hidden.GetLength(0)), mean[j], 3e-4f);
        }
    }

    [Fact]
    public void Batched_output_equals_one_by_one_output()
    {
        using var encoder = fixture.Open(batchSize: 3);

        var batched = encoder.Encode(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            var single = encoder.Encode([Texts[i]])[0];
            for (var j = 0; j < single.Length; j++)
            {
                Assert.Equal(single[j], batched[i][j], 1e-4f);
            }
        }
    }

    [Fact]
    public void Texts_of_very_different_lengths_split_into_runs_embed_as_they_do_alone()
    {
        using var encoder = fixture.Open(batchSize: 32);
        var longText = string.Join(' ', Enumerable.Repeat("a slow atmospheric heist thriller set in los angeles", 6));
        string[] texts = ["heat", longText, "alien", longText + " with a great soundtrack", "toy story", "up"];

        var inOneCall = encoder.Encode(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = encoder.Encode([texts[i]])[0];
            for (var j = 0; j < alone.Length; j++)
            {
                Assert.Equal(alone[j], inOneCall[i][j], 1e-4f);
            }
        }
    }

    [Fact]
    public async Task Concurrent_calls_return_what_one_call_alone_returns()
    {
        using var encoder = fixture.Open(batchSize: 2);
        var expected = encoder.Encode(Texts);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var last = Array.Empty<float[]>();
            for (var k = 0; k < 20; k++)
            {
                last = encoder.Encode(Texts);
            }

            return last;
        })));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public async Task Embeddings_are_unit_length_and_deterministic()
    {
        IEmbeddingGenerator<string, Embedding<float>> first = fixture.Open();
        using var second = fixture.Open();

        var a = await first.GenerateAsync(Texts);
        var b = second.Encode(Texts);
        first.Dispose();

        Assert.Equal(Texts.Length, a.Count);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(a[i].Vector.Span), 1e-4f);
            Assert.Equal(b[i], a[i].Vector.ToArray());
        }
    }

    [Fact]
    public void Long_texts_are_truncated_to_the_maximum_length()
    {
        using var encoder = fixture.Open();

        var ids = encoder.Tokenize(string.Join(' ', Enumerable.Repeat("movie", 1000)));

        Assert.Equal(256, ids.Length);
        Assert.Equal(102, ids[^1]);
    }
}
