using System.Numerics.Tensors;
using AgentRec.Core.Llm;

namespace AgentRec.UnitTests.Llm;

[Collection(TestModelsCollection.Name)]
public sealed class DecoderRunnerTests(TestModels models)
{
    [Fact]
    public void Float16_keys_order_every_non_NaN_half_as_its_value_does()
    {
        var halves = Enumerable.Range(0, 65_536).Select(i => BitConverter.UInt16BitsToHalf((ushort)i)).Where(h => !Half.IsNaN(h)).ToArray();
        var bits = halves.Select(h => (short)BitConverter.HalfToUInt16Bits(h)).ToArray();
        var keys = new short[bits.Length];

        DecoderRunner.OrderedKeys(bits, keys);

        var byValue = Enumerable.Range(0, halves.Length).OrderBy(i => (float)halves[i]).ThenBy(i => float.IsNegative((float)halves[i]) ? 0 : 1).ToArray();
        for (var k = 1; k < byValue.Length; k++)
        {
            var (lower, higher) = (byValue[k - 1], byValue[k]);
            Assert.True(keys[lower] < keys[higher] || (halves[lower] == halves[higher] && !(Half.IsNegative(halves[lower]) ^ Half.IsNegative(halves[higher]))),
                $"{halves[lower]} (0x{bits[lower]:X4}) should sort below {halves[higher]} (0x{bits[higher]:X4})");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Greedy_arg_max_on_the_raw_logits_is_IndexOfMax_of_the_float_logits(bool llama)
    {
        var model = llama ? models.Llama : models.Gpt2;
        var prompt = model.EncodePrompt("Recommend three 90s sci-fi movies like Blade Runner, no horror");
        using var runner = new DecoderRunner(model, prompt.Length + 40, useCache: true, CancellationToken.None);
        int[] next = prompt;
        for (var step = 0; step < 40; step++)
        {
            runner.Run(next);

            var fast = runner.ArgMaxLogit();
            var expected = TensorPrimitives.IndexOfMax<float>(runner.Logits());

            Assert.Equal(expected, fast);
            Assert.Equal(expected, runner.ArgMaxLogit());
            next = [fast];
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(15, true)]
    [InlineData(63, true)]
    [InlineData(64, true)]
    [InlineData(1_000, true)]
    [InlineData(32_000, true)]
    [InlineData(32_011, true)]
    [InlineData(1, false)]
    [InlineData(15, false)]
    [InlineData(1_000, false)]
    [InlineData(32_000, false)]
    [InlineData(32_011, false)]
    public void Arg_max_of_float16_bits_is_IndexOfMax_of_their_values(int length, bool allowVector512)
    {
        var random = new Random(length);
        for (var round = 0; round < 30; round++)
        {
            var halves = new Half[length];
            for (var i = 0; i < length; i++)
            {
                // Coarse values (many ties), both signs, some -∞ and signed zeros.
                halves[i] = random.Next(20) switch
                {
                    0 => Half.NegativeInfinity,
                    1 => -Half.Zero,
                    _ => (Half)(MathF.Round((float)random.NextDouble() * 8, 1) - 6),
                };
            }

            var bits = halves.Select(h => (short)BitConverter.HalfToUInt16Bits(h)).ToArray();
            var floats = halves.Select(h => (float)h).ToArray();

            Assert.Equal(TensorPrimitives.IndexOfMax<float>(floats), DecoderRunner.ArgMaxOfHalves(bits, allowVector512));
        }

        Assert.Equal(-1, DecoderRunner.ArgMaxOfHalves([], allowVector512));
    }

    [Fact]
    public void Arg_max_finds_a_single_maximum_in_every_position_of_both_accumulators()
    {
        // 200 keys: three 64-key double blocks and a tail; the maximum moves through every lane of both halves.
        for (var position = 0; position < 200; position++)
        {
            var bits = new short[200];
            for (var i = 0; i < bits.Length; i++)
            {
                bits[i] = (short)BitConverter.HalfToUInt16Bits((Half)(-(i % 7)));
            }

            bits[position] = (short)BitConverter.HalfToUInt16Bits((Half)3.5f);
            Assert.Equal(position, DecoderRunner.ArgMaxOfHalves(bits, allowVector512: true));
            Assert.Equal(position, DecoderRunner.ArgMaxOfHalves(bits, allowVector512: false));
        }
    }

    [Fact]
    public void Attention_masks_are_shared_per_length_and_all_ones()
    {
        using var masks = new AttentionMasks(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64, 16);

        var five = masks.Get(5);

        Assert.Same(five, masks.Get(5));
        Assert.NotSame(five, masks.Get(6));
        Assert.Equal([1L, 5L], five.GetTensorTypeAndShape().Shape);
        Assert.All(five.GetTensorDataAsSpan<long>().ToArray(), v => Assert.Equal(1L, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => masks.Get(17));
        Assert.Throws<ArgumentOutOfRangeException>(() => masks.Get(0));
    }

    [Fact]
    public void Two_generations_on_one_model_read_the_same_tokens_with_the_shared_masks()
    {
        var model = models.Llama;
        var prompt = model.EncodePrompt("Two decoders, one mask cache");
        var first = Greedy(model, prompt, 24);
        var second = Greedy(model, prompt, 24);

        Assert.Equal(first, second);
    }

    private static int[] Greedy(OnnxGenAIModel model, int[] prompt, int steps)
    {
        using var runner = new DecoderRunner(model, prompt.Length + steps, useCache: true, CancellationToken.None);
        var tokens = new int[steps];
        int[] next = prompt;
        for (var step = 0; step < steps; step++)
        {
            runner.Run(next);
            tokens[step] = runner.ArgMaxLogit();
            next = [tokens[step]];
        }

        return tokens;
    }
}
