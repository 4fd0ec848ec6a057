using AgentRec.Core.Personalization;

namespace AgentRec.UnitTests.Personalization;

public sealed class RecencyWeightingTests
{
    private static readonly UserHistory History = new(new[] { 4, 7, 2 }, new long[] { 1_000, 5_000, 9_000 });

    [Theory]
    [InlineData(RecencyMode.Position, 2.0)]
    [InlineData(RecencyMode.Time, 8_000.0)]
    public void A_later_interaction_weighs_more_and_the_latest_weighs_one(RecencyMode mode, double tau)
    {
        var weights = new float[3];

        new RecencyWeighting(mode, tau).Fill(History, weights);

        Assert.True(weights[0] < weights[1] && weights[1] < weights[2], string.Join(", ", weights));
        Assert.Equal(1f, weights[2], 6);
        Assert.Equal((float)Math.Exp(-1 / 2.0), weights[1], 6);
    }

    [Fact]
    public void Uniform_weighting_ignores_order()
    {
        var weights = new float[3];

        RecencyWeighting.Uniform.Fill(History, weights);

        Assert.Equal([1f, 1f, 1f], weights);
    }
}
