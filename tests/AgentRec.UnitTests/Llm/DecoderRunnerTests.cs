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
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(1_000)]
    [InlineData(32_000)]
    [InlineData(32_011)]
    public void Arg_max_of_float16_bits_is_IndexOfMax_of_their_values(int length)
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

            Assert.Equal(TensorPrimitives.IndexOfMax<float>(floats), DecoderRunner.ArgMaxOfHalves(bits));
        }

        Assert.Equal(-1, DecoderRunner.ArgMaxOfHalves([]));
    }
}
