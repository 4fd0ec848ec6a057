using System.Numerics.Tensors;
using AgentRec.Core.Llm;

namespace AgentRec.UnitTests.Llm;

public sealed class ArgMaxTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1_000)]
    [InlineData(32_000)]
    [InlineData(32_007)]
    public void Arg_max_is_the_first_index_of_the_largest_logit_as_IndexOfMax_gives_it(int length)
    {
        var random = new Random(length);
        for (var round = 0; round < 50; round++)
        {
            var logits = new float[length];
            for (var i = 0; i < length; i++)
            {
                // Coarse values make ties common; some logits masked to -∞ as a grammar does.
                logits[i] = random.Next(10) == 0 ? float.NegativeInfinity : MathF.Round((float)random.NextDouble() * 8, 1) - 4;
            }

            Assert.Equal(TensorPrimitives.IndexOfMax<float>(logits), LogitsSampler.ArgMax(logits));
        }
    }

    [Fact]
    public void Special_values_follow_IndexOfMax()
    {
        float[][] cases =
        [
            [float.NegativeInfinity, float.NegativeInfinity],
            [-0f, 0f, -1f],
            [1f, float.NaN, 2f],
            [float.PositiveInfinity, 3f, float.PositiveInfinity],
        ];
        foreach (var logits in cases)
        {
            Assert.Equal(TensorPrimitives.IndexOfMax<float>(logits), LogitsSampler.ArgMax(logits));
        }

        Assert.Equal(-1, LogitsSampler.ArgMax([]));
    }
}
