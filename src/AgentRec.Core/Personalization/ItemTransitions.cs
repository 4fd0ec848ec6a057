namespace AgentRec.Core.Personalization;

/// <summary>
/// First-order item-to-item transitions: for each item, which items users interacted with right after it
/// (within <c>window</c> steps, nearer steps weighing more), each row normalised to sum to one.
/// </summary>
internal sealed class ItemTransitions
{
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly float[] _weights;

    private ItemTransitions(int[] offsets, int[] targets, float[] weights)
    {
        _offsets = offsets;
        _targets = targets;
        _weights = weights;
    }

    /// <summary>Counts successor pairs in every history; a step d ahead weighs <paramref name="decay"/>^(d−1).</summary>
    public static ItemTransitions Build(InteractionData data, int window, float decay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        var counts = new Dictionary<long, float>();
        foreach (var user in data.Users)
        {
            var items = user.Items.Span;
            for (var t = 0; t < items.Length - 1; t++)
            {
                var weight = 1f;
                for (var d = 1; d <= window && t + d < items.Length; d++, weight *= decay)
                {
                    if (items[t + d] == items[t])
                    {
                        continue;
                    }

                    var key = ((long)items[t] << 32) | (uint)items[t + d];
                    counts[key] = counts.GetValueOrDefault(key) + weight;
                }
            }
        }

        var keys = new long[counts.Count];
        counts.Keys.CopyTo(keys, 0);
        Array.Sort(keys);
        var n = data.ItemCount;
        var offsets = new int[n + 1];
        var targets = new int[keys.Length];
        var weights = new float[keys.Length];
        for (var k = 0; k < keys.Length; k++)
        {
            offsets[(int)(keys[k] >> 32) + 1]++;
            targets[k] = (int)(keys[k] & 0xFFFFFFFF);
            weights[k] = counts[keys[k]];
        }

        for (var i = 0; i < n; i++)
        {
            offsets[i + 1] += offsets[i];
            var row = weights.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);
            var sum = 0f;
            foreach (var w in row)
            {
                sum += w;
            }

            if (sum > 0)
            {
                foreach (ref var w in row)
                {
                    w /= sum;
                }
            }
        }

        return new ItemTransitions(offsets, targets, weights);
    }

    /// <summary>Adds <paramref name="scale"/> × (row <paramref name="item"/>) into <paramref name="scores"/>.</summary>
    public void AddRow(int item, float scale, Span<float> scores)
    {
        for (var k = _offsets[item]; k < _offsets[item + 1]; k++)
        {
            scores[_targets[k]] += scale * _weights[k];
        }
    }

    /// <summary>
    /// Scores what tends to come next after the end of <paramref name="history"/>: the successors of the last items,
    /// the last weighing most (position decay τ); items older than about 7τ positions are skipped.
    /// </summary>
    public void Score(UserHistory history, double tau, Span<float> scores)
    {
        scores.Clear();
        var items = history.Items.Span;
        var reach = Math.Max(1, (int)Math.Ceiling(7 * tau));
        for (var age = 0; age < reach && age < items.Length; age++)
        {
            AddRow(items[items.Length - 1 - age], (float)Math.Exp(-age / tau), scores);
        }
    }
}
