using System.Numerics.Tensors;

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

    /// <summary>Divides positive and multiplies negative logits of <paramref name="seen"/> tokens by <paramref name="penalty"/>.</summary>
    public static void ApplyRepetitionPenalty(Span<float> logits, IReadOnlyList<int> seen, float penalty)
    {
        if (penalty is 1f or <= 0f)
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
            return TensorPrimitives.IndexOfMax(logits);
        }

        if (_topK >= logits.Length && _topP >= 1f)
        {
            return SampleFull(logits);
        }

        var count = SelectTopK(logits);
        if (count == 0)
        {
            return TensorPrimitives.IndexOfMax(logits);
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
