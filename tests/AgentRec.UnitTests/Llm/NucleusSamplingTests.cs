using AgentRec.Core.Llm;

namespace AgentRec.UnitTests.Llm;

public sealed class NucleusSamplingTests
{
    [Theory]
    [InlineData(32000, 0.9f, 1.0f, 1)]
    [InlineData(32000, 0.5f, 0.7f, 2)]
    [InlineData(5000, 0.95f, 1.3f, 3)]
    [InlineData(300, 0.3f, 1.0f, 4)]
    public void Every_draw_lies_in_the_nucleus_a_full_sort_finds(int vocab, float topP, float temperature, int seed)
    {
        var random = new Random(seed);
        var logits = new float[vocab];
        for (var i = 0; i < vocab; i++)
        {
            // Peaked and flat regions, exact ties, and masked tokens.
            logits[i] = i % 97 == 0 ? float.NegativeInfinity : i % 13 == 0 ? 2.5f : (float)(random.NextDouble() * 6);
        }

        var nucleus = ReferenceNucleus(logits, topP, temperature);
        var sampler = new LogitsSampler(vocab, doSample: true, temperature, topK: 0, topP, seed: seed);
        for (var draw = 0; draw < 300; draw++)
        {
            var token = sampler.Sample((float[])logits.Clone());
            Assert.Contains(token, nucleus);
        }
    }

    [Fact]
    public void Draws_follow_the_renormalised_nucleus_probabilities()
    {
        float[] logits = [2f, 1f, 0.5f, 0f, -1f, float.NegativeInfinity, -3f];
        var nucleus = ReferenceNucleus(logits, 0.8f, 1f);
        var weights = nucleus.ToDictionary(t => t, t => Math.Exp(logits[t] - 2));
        var total = weights.Values.Sum();
        var sampler = new LogitsSampler(logits.Length, doSample: true, 1f, topK: 0, topP: 0.8f, seed: 7);
        var counts = new int[logits.Length];
        const int Draws = 40000;
        for (var i = 0; i < Draws; i++)
        {
            counts[sampler.Sample((float[])logits.Clone())]++;
        }

        for (var t = 0; t < logits.Length; t++)
        {
            var expected = weights.TryGetValue(t, out var w) ? w / total : 0;
            Assert.InRange((double)counts[t] / Draws, expected - 0.015, expected + 0.015);
        }
    }

    [Fact]
    public void The_same_seed_draws_the_same_tokens()
    {
        var random = new Random(11);
        var logits = Enumerable.Range(0, 4096).Select(_ => (float)random.NextDouble() * 4).ToArray();
        var a = new LogitsSampler(logits.Length, true, 0.9f, 0, 0.9f, seed: 5);
        var b = new LogitsSampler(logits.Length, true, 0.9f, 0, 0.9f, seed: 5);

        Assert.Equal(
            Enumerable.Range(0, 50).Select(_ => a.Sample((float[])logits.Clone())),
            Enumerable.Range(0, 50).Select(_ => b.Sample((float[])logits.Clone())));
    }

    // The smallest set of most probable tokens (ties by lower id) whose probabilities reach topP of the total.
    private static HashSet<int> ReferenceNucleus(float[] logits, float topP, float temperature)
    {
        var max = logits.Max();
        var p = logits.Select(l => float.IsNegativeInfinity(l) ? 0.0 : Math.Exp((l - max) / temperature)).ToArray();
        var target = topP * p.Sum();
        var order = Enumerable.Range(0, p.Length).Where(i => p[i] > 0).OrderByDescending(i => p[i]).ThenBy(i => i);
        var set = new HashSet<int>();
        var mass = 0.0;
        foreach (var i in order)
        {
            set.Add(i);
            mass += p[i];
            if (mass >= target)
            {
                break;
            }
        }

        return set;
    }
}
