namespace AgentRec.Core.Llm;

/// <summary>
/// Picks the next token from logits: greedy (arg max), or temperature, top-k and top-p sampling from a seeded
/// <see cref="Random"/>. Logits of -∞ (masked by a constraint) are never picked. Buffers are reused across steps.
/// </summary>
internal sealed class LogitsSampler
{
    private readonly Random? _random;
    private readonly float _temperature;
    private readonly int _topK;
    private readonly float _topP;
    private readonly float[] _values;
    private readonly int[] _indices;

    public LogitsSampler(int vocabSize, bool doSample, float temperature, int topK, float topP, int seed)
    {
        if (doSample && temperature > 0)
        {
            _random = new Random(seed);
        }

        _temperature = temperature;
        _topK = topK <= 0 ? vocabSize : Math.Min(topK, vocabSize);
        _topP = topP is > 0 and < 1 ? topP : 1f;
        _values = new float[vocabSize];
        _indices = new int[vocabSize];
    }

    public bool IsGreedy => _random is null;

    /// <summary>Whether a repetition penalty of <paramref name="penalty"/> changes any logit (1 and non-positive values leave them as they are).</summary>
    public static bool Penalizes(float penalty) => penalty is not (1f or <= 0f);

    /// <summary>Divides positive and multiplies negative logits of <paramref name="seen"/> tokens by <paramref name="penalty"/>.</summary>
    public static void ApplyRepetitionPenalty(Span<float> logits, IReadOnlyList<int> seen, float penalty)
    {
        if (!Penalizes(penalty))
        {
            return;
        }

        for (var i = 0; i < seen.Count; i++)
        {
            ref var l = ref logits[seen[i]];
            l = l > 0 ? l / penalty : l * penalty;
        }
    }

    public int Sample(Span<float> logits)
    {
        if (_random is null)
        {
            return TensorPrimitives.IndexOfMax<float>(logits);
        }

        if (_topK >= logits.Length)
        {
            return _topP >= 1f ? SampleFull(logits) : SampleNucleus(logits);
        }

        var count = SelectTopK(logits);
        if (count == 0)
        {
            return TensorPrimitives.IndexOfMax<float>(logits);
        }

        // _values[0..count) hold the candidates' logits in descending order.
        var values = _values.AsSpan(0, count);
        var max = values[0];
        var invT = 1f / _temperature;
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            var p = MathF.Exp((values[i] - max) * invT);
            values[i] = p;
            sum += p;
        }

        var kept = count;
        if (_topP < 1f)
        {
            var cumulative = 0.0;
            for (var i = 0; i < count; i++)
            {
                cumulative += values[i];
                if (cumulative >= _topP * sum)
                {
                    kept = i + 1;
                    sum = cumulative;
                    break;
                }
            }
        }

        var r = _random.NextDouble() * sum;
        for (var i = 0; i < kept; i++)
        {
            r -= values[i];
            if (r <= 0)
            {
                return _indices[i];
            }
        }

        return _indices[kept - 1];
    }

    // Plain temperature sampling needs no order: one vectorised softmax pass and one walk.
    private int SampleFull(ReadOnlySpan<float> logits)
    {
        var max = TensorPrimitives.Max(logits);
        var p = _values.AsSpan(0, logits.Length);
        TensorPrimitives.Subtract(logits, max, p);
        TensorPrimitives.Multiply(p, 1f / _temperature, p);
        TensorPrimitives.Exp(p, p);
        var r = _random!.NextDouble() * TensorPrimitives.Sum(p);
        var last = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] > 0)
            {
                last = i;
                r -= p[i];
                if (r <= 0)
                {
                    return i;
                }
            }
        }

        return last;
    }

    /// <summary>
    /// Top-p without top-k, with no sort of the vocabulary: the nucleus (the most probable tokens whose probabilities
    /// first reach <c>topP</c> of the total, highest first) is found as a probability threshold by bisection over
    /// vectorised passes; only the few tokens at the threshold are ordered, by probability then index. The draw then
    /// walks the nucleus in vocabulary order: the same distribution as walking it from the most probable token, and
    /// the same token for the same seed on every run.
    /// </summary>
    private int SampleNucleus(ReadOnlySpan<float> logits)
    {
        var p = _values.AsSpan(0, logits.Length);
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, p);
        TensorPrimitives.Multiply(p, 1f / _temperature, p);
        TensorPrimitives.Exp(p, p); // masked (-∞) logits become 0 and never enter the nucleus
        var target = _topP * (double)TensorPrimitives.Sum(p);

        // Bisection on τ (vectorised float sums): MassAtLeast(lo) ≥ target > MassAtLeast(hi).
        float lo = 0f, hi = 1.0000001f; // the most probable token has p = 1
        for (var step = 0; step < 40 && CountBetween(p, lo, hi) > 64; step++)
        {
            var mid = lo + ((hi - lo) / 2);
            if (mid <= lo || mid >= hi)
            {
                break;
            }

            if (MassAtLeastFast(p, mid) >= target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        // The exact (double) sums decide: tokens at or above hi are all in; the band [lo, hi) is ordered to find exactly
        // how much of it completes the mass. Should float rounding have set lo too high, the band reaches down to 0.
        var mass = MassAtLeast(p, hi);
        if (lo > 0f && MassAtLeast(p, lo) < target)
        {
            lo = 0f;
        }

        var band = 0;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] >= lo && p[i] < hi && p[i] > 0)
            {
                _indices[band++] = i;
            }
        }

        var order = _indices.AsSpan(0, band);
        order.Sort(new ByProbabilityThenIndex(_values));
        var taken = 0;
        while (mass < target && taken < band)
        {
            mass += p[order[taken++]];
        }

        // The boundary: tokens strictly above τ are in; at τ itself (when τ came from the band) only the first `ties`
        // by index, as ordered above. With nothing taken from the band, everything at or above hi is in.
        var fromBand = taken > 0;
        var tau = fromBand ? p[order[taken - 1]] : hi;
        var ties = 0;
        for (var t = 0; t < taken; t++)
        {
            if (p[order[t]] == tau)
            {
                ties++;
            }
        }

        var r = _random!.NextDouble() * mass;
        var last = -1;
        for (var i = 0; i < p.Length; i++)
        {
            var v = p[i];
            if (v <= 0 || v < tau || (fromBand && v == tau && ties-- <= 0))
            {
                continue;
            }

            last = i;
            r -= v;
            if (r <= 0)
            {
                return i;
            }
        }

        return last >= 0 ? last : TensorPrimitives.IndexOfMax(logits);
    }

    // Probability mass of the tokens with p ≥ threshold.
    private static double MassAtLeast(ReadOnlySpan<float> p, float threshold)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] >= threshold)
            {
                sum += p[i];
            }
        }

        return sum;
    }

    // Most probable first; equal probabilities by lower token id.
    private readonly struct ByProbabilityThenIndex(float[] p) : IComparer<int>
    {
        public int Compare(int a, int b) => p[a] != p[b] ? p[b].CompareTo(p[a]) : a.CompareTo(b);
    }

    // Float mass of the tokens with p ≥ threshold, a Vector<float> at a time (for the bisection only).
    private static float MassAtLeastFast(ReadOnlySpan<float> p, float threshold)
    {
        var width = System.Numerics.Vector<float>.Count;
        var t = new System.Numerics.Vector<float>(threshold);
        var acc = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= p.Length - width; i += width)
        {
            var v = new System.Numerics.Vector<float>(p.Slice(i, width));
            acc += System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThanOrEqual(v, t), v, System.Numerics.Vector<float>.Zero);
        }

        var sum = System.Numerics.Vector.Sum(acc);
        for (; i < p.Length; i++)
        {
            if (p[i] >= threshold)
            {
                sum += p[i];
            }
        }

        return sum;
    }

    // Tokens with lo ≤ p < hi, a Vector<float> at a time.
    private static int CountBetween(ReadOnlySpan<float> p, float lo, float hi)
    {
        var width = System.Numerics.Vector<float>.Count;
        System.Numerics.Vector<float> l = new(lo), h = new(hi);
        var acc = System.Numerics.Vector<int>.Zero;
        var i = 0;
        for (; i <= p.Length - width; i += width)
        {
            var v = new System.Numerics.Vector<float>(p.Slice(i, width));
            // Comparison results are all-ones (-1) per lane when true.
            acc -= System.Numerics.Vector.GreaterThanOrEqual(v, l) & System.Numerics.Vector.LessThan(v, h);
        }

        var n = System.Numerics.Vector.Sum(acc);
        for (; i < p.Length; i++)
        {
            if (p[i] >= lo && p[i] < hi)
            {
                n++;
            }
        }

        return n;
    }

    // Leaves the k largest finite logits in _values/_indices, sorted descending; returns how many.
    private int SelectTopK(ReadOnlySpan<float> logits)
    {
        var k = _topK;
        var n = 0;
        if (k >= logits.Length)
        {
            for (var i = 0; i < logits.Length; i++)
            {
                if (!float.IsNegativeInfinity(logits[i]))
                {
                    _values[n] = -logits[i];
                    _indices[n++] = i;
                }
            }

            Array.Sort(_values, _indices, 0, n);
            TensorPrimitives.Negate(_values.AsSpan(0, n), _values.AsSpan(0, n));
            return n;
        }

        // Min-heap of the k best so far, root = the smallest kept.
        for (var i = 0; i < logits.Length; i++)
        {
            var v = logits[i];
            if (float.IsNegativeInfinity(v))
            {
                continue;
            }

            if (n < k)
            {
                _values[n] = v;
                _indices[n] = i;
                SiftUp(n++);
            }
            else if (v > _values[0])
            {
                _values[0] = v;
                _indices[0] = i;
                SiftDown(0, n);
            }
        }

        // Heap sort into descending order (min-heap extraction puts the smallest at the end).
        for (var end = n - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }

        return n;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Less(i, parent))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i, int n)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= n)
            {
                return;
            }

            var smallest = left + 1 < n && Less(left + 1, left) ? left + 1 : left;
            if (!Less(smallest, i))
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    // Ties broken by index so the order is total and the result deterministic.
    private bool Less(int a, int b) => _values[a] < _values[b] || (_values[a] == _values[b] && _indices[a] > _indices[b]);

    private void Swap(int a, int b)
    {
        (_values[a], _values[b]) = (_values[b], _values[a]);
        (_indices[a], _indices[b]) = (_indices[b], _indices[a]);
    }
}
