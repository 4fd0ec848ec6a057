using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AgentRec.Core.Llm;

/// <summary>
/// Runs the decoder for one sequence. With the cache, each call feeds only the new tokens and the previous call's
/// present key-values as the past; without it, every call recomputes the whole sequence from an empty past.
/// Id and position tensors wrap pinned arrays allocated once; the attention mask is the model's shared tensor of
/// that length (<see cref="AttentionMasks"/>). The last position's logits stay in the runtime's
/// output until the next run: <see cref="Logits"/> hands float logits over in place (float16 ones converted into a
/// reused buffer, once per step), and <see cref="ArgMaxLogit"/> finds the greedy token on float16 logits without
/// converting them.
/// </summary>
internal sealed class DecoderRunner : IDisposable
{
    private readonly OnnxGenAIModel _model;
    private readonly DecoderIo _io;
    private readonly bool _useCache;
    private readonly IdBuffer _ids;
    private readonly IdBuffer _positions;
    private readonly AttentionMasks? _masks;
    private readonly IdBuffer? _mask;
    private readonly OrtValue[] _emptyPast;
    private readonly OrtValue[] _past;
    private readonly OrtValue[] _inputs;
    private readonly List<int> _sequence = [];
    private readonly RunOptions _runOptions = new();
    private readonly CancellationTokenRegistration _cancellation;
    private readonly CancellationToken _cancellationToken;
    private readonly OrtValue?[] _created = new OrtValue?[3];
    private readonly OrtValue _stepIds;
    private readonly OrtValue _stepPositions;
    private float[] _logits;
    private OrtValue? _lastLogits;
    private bool _converted;
    private int _width;
    private int _offset;
    private long _firstRun;
    private int _pastLength;
    private bool _pastIsEmpty = true;

    public DecoderRunner(OnnxGenAIModel model, int capacity, bool useCache, CancellationToken cancellationToken)
    {
        _model = model;
        _io = model.Io;
        _useCache = useCache;
        _ids = new IdBuffer(_io.IdType, capacity);
        _positions = new IdBuffer(_io.PositionType, capacity);
        _masks = model.AttentionMasks;
        if (_masks is not null && capacity > _masks.Capacity)
        {
            // Longer than the model's context (only a caller that bypasses the generation's length check): its own mask.
            _mask = new IdBuffer(_io.MaskType, capacity);
            _mask.Fill(1);
        }
        _emptyPast = [.. _io.EmptyPastShapes.Select(s => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, _io.KvType, s))];
        _past = [.. _emptyPast];
        _inputs = new OrtValue[_io.InputNames.Length];
        _cancellationToken = cancellationToken;
        _logits = new float[Math.Max(_io.LogitsWidth, 1)];

        // One-token steps reuse tensors over element 0 of the pinned id and position buffers.
        _stepIds = _ids.Wrap(1, [1, 1]);
        _stepPositions = _positions.Wrap(1, [1, 1]);

        // Stops a long Run (a big prompt on a big model) as well as the loop between steps.
        _cancellation = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, _runOptions);
    }

    /// <summary>Stopwatch ticks spent inside ONNX Runtime's Run (to measure the loop's own overhead).</summary>
    public long RunTicks { get; private set; }

    /// <summary>Stopwatch ticks spent before Run: filling the id and position buffers and wrapping them in tensors.</summary>
    public long PrepareTicks { get; private set; }

    /// <summary>Stopwatch ticks spent after Run: releasing input tensors, copying the last logits, swapping the key-value cache.</summary>
    public long CollectTicks { get; private set; }

    /// <summary>Calls of ONNX Runtime's Run so far.</summary>
    public int Runs { get; private set; }

    /// <summary>Tokens the model has seen so far.</summary>
    public int Length => _useCache ? _pastLength : _sequence.Count;

    /// <summary>Feeds <paramref name="tokens"/> after the sequence so far; the next token's logits are then read with <see cref="Logits"/> or <see cref="ArgMaxLogit"/>.</summary>
    public void Run(ReadOnlySpan<int> tokens)
    {
        var entered = Stopwatch.GetTimestamp();
        _cancellationToken.ThrowIfCancellationRequested();
        ReadOnlySpan<int> feed;
        int start;
        if (_useCache)
        {
            feed = tokens;
            start = _pastLength;
        }
        else
        {
            foreach (var t in tokens)
            {
                _sequence.Add(t);
            }

            feed = CollectionsMarshal.AsSpan(_sequence);
            start = 0;
        }

        var n = feed.Length;
        var total = start + n;
        for (var i = 0; i < n; i++)
        {
            _ids.Set(i, feed[i]);
            _positions.Set(i, start + i);
        }

        var k = 0;
        var created = _created;
        var single = n == 1;
        _inputs[k++] = single ? _stepIds : created[0] = _ids.Wrap(n, [1, n]);
        if (_io.AttentionMask is not null)
        {
            _inputs[k++] = _mask is null ? _masks!.Get(total) : created[1] = _mask.Wrap(total, [1, total]);
        }

        if (_io.PositionIds is not null)
        {
            _inputs[k++] = single ? _stepPositions : created[2] = _positions.Wrap(n, [1, n]);
        }

        var pasts = _useCache ? _past : _emptyPast;
        Array.Copy(pasts, 0, _inputs, k, pasts.Length);

        IDisposableReadOnlyCollection<OrtValue> outputs;
        long ran;
        try
        {
            var started = Stopwatch.GetTimestamp();
            PrepareTicks += started - entered;
            if (Runs == 0)
            {
                _firstRun = started;
            }

            outputs = _model.Session.Run(_runOptions, _io.InputNames, _inputs, _io.OutputNames);
            ran = Stopwatch.GetTimestamp();
            RunTicks += ran - started;
            Runs++;
        }
        catch (OnnxRuntimeException) when (_cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(_cancellationToken);
        }
        finally
        {
            for (var i = 0; i < created.Length; i++)
            {
                created[i]?.Dispose();
                created[i] = null;
            }
        }

        _lastLogits?.Dispose();
        _lastLogits = outputs[0];
        _converted = false;
        if (_width == 0)
        {
            _width = _io.LogitsWidth > 0 ? _io.LogitsWidth : (int)_lastLogits.GetTensorTypeAndShape().Shape[^1];
            if (_logits.Length < _width)
            {
                _logits = new float[_width];
            }
        }

        _offset = (n - 1) * _width;
        for (var i = 0; i < _io.PresentNames.Length; i++)
        {
            var present = outputs[i + 1];
            if (_useCache)
            {
                if (!_pastIsEmpty)
                {
                    _past[i].Dispose();
                }

                _past[i] = present;
            }
            else
            {
                present.Dispose();
            }
        }

        if (_useCache)
        {
            _pastIsEmpty = _io.PresentNames.Length == 0;
            _pastLength = total;
        }

        CollectTicks += Stopwatch.GetTimestamp() - ran;
    }

    /// <summary>
    /// The logits of the next token, writable (penalties and masks change them in place): the runtime's own float
    /// output, or float16 logits converted into a reused buffer (the first call of a step converts; the time counts
    /// as <see cref="CollectTicks"/>).
    /// </summary>
    public Span<float> Logits()
    {
        var logits = _lastLogits ?? throw new InvalidOperationException("Run the decoder first.");
        if (_io.LogitsType != TensorElementType.Float16)
        {
            return logits.GetTensorMutableDataAsSpan<float>().Slice(_offset, _width);
        }

        if (!_converted)
        {
            var started = Stopwatch.GetTimestamp();
            TensorPrimitives.ConvertToSingle(Halves(logits), _logits.AsSpan(0, _width));
            _converted = true;
            CollectTicks += Stopwatch.GetTimestamp() - started;
        }

        return _logits.AsSpan(0, _width);
    }

    /// <summary>
    /// The index of the largest logit (the first of equals), as <see cref="TensorPrimitives.IndexOfMax{T}(ReadOnlySpan{T})"/>
    /// over <see cref="Logits"/> gives it, NaN logits aside. Float16 logits are compared as order-preserving 16-bit
    /// integers (sign and magnitude folded), so the greedy step reads them once and converts nothing.
    /// </summary>
    public int ArgMaxLogit()
    {
        var logits = _lastLogits ?? throw new InvalidOperationException("Run the decoder first.");
        if (_io.LogitsType != TensorElementType.Float16 || _converted)
        {
            return TensorPrimitives.IndexOfMax<float>(Logits());
        }

        return ArgMaxOfHalves(MemoryMarshal.Cast<Half, short>(Halves(logits)));
    }

    /// <summary>
    /// The first index of the largest float16 value among <paramref name="bits"/>, in one vectorised pass over their
    /// order-preserving keys (see <see cref="OrderedKeys"/>): each lane keeps its best key and the block it came from,
    /// and the lanes are merged at the end (ties to the lower index); nothing is written. With AVX-512 the pass reads
    /// 32 keys per vector into two independent accumulators, so consecutive blocks do not wait on each other's compare.
    /// </summary>
    internal static int ArgMaxOfHalves(ReadOnlySpan<short> bits) => ArgMaxOfHalves(bits, Vector512.IsHardwareAccelerated);

    /// <summary><see cref="ArgMaxOfHalves(ReadOnlySpan{short})"/>, with the 512-bit pass allowed or not (tests run both).</summary>
    internal static int ArgMaxOfHalves(ReadOnlySpan<short> bits, bool allowVector512)
    {
        if (bits.IsEmpty)
        {
            return -1;
        }

        var max = short.MinValue;
        var at = -1;
        var i = allowVector512 && Vector512.IsHardwareAccelerated
            ? ArgMaxBlocks512(bits, ref max, ref at)
            : ArgMaxBlocks(bits, ref max, ref at);

        // The tail's indices are above every vector lane's, so only a strictly larger key replaces the best.
        for (; i < bits.Length; i++)
        {
            var key = Key(bits[i]);
            if (at < 0 || key > max)
            {
                max = key;
                at = i;
            }
        }

        return at;
    }

    /// <summary>The vector part of the arg max in <see cref="System.Numerics.Vector{T}"/> lanes; returns how many keys it covered.</summary>
    private static int ArgMaxBlocks(ReadOnlySpan<short> bits, ref short max, ref int at)
    {
        var width = System.Numerics.Vector<short>.Count;
        if (!System.Numerics.Vector.IsHardwareAccelerated || bits.Length < width || bits.Length / width >= short.MaxValue)
        {
            return 0;
        }

        var magnitude = new System.Numerics.Vector<short>(0x7FFF);
        var best = new System.Numerics.Vector<short>(short.MinValue);
        var bestBlock = System.Numerics.Vector<short>.Zero;
        var block = System.Numerics.Vector<short>.Zero;
        var i = 0;
        for (; i <= bits.Length - width; i += width)
        {
            var v = new System.Numerics.Vector<short>(bits.Slice(i, width));
            var key = (v & magnitude) ^ System.Numerics.Vector.ShiftRightArithmetic(v, 15);
            var greater = System.Numerics.Vector.GreaterThan(key, best);
            best = System.Numerics.Vector.Max(key, best);
            bestBlock = System.Numerics.Vector.ConditionalSelect(greater, block, bestBlock);
            block += System.Numerics.Vector<short>.One;
        }

        Span<short> lanes = stackalloc short[2 * width];
        best.CopyTo(lanes);
        bestBlock.CopyTo(lanes[width..]);
        MergeLanes(lanes[..width], lanes[width..], width, ref max, ref at);
        return i;
    }

    /// <summary>
    /// The vector part of the arg max in 512-bit lanes, two blocks per iteration into two accumulators (even and odd
    /// blocks); returns how many keys it covered.
    /// </summary>
    private static int ArgMaxBlocks512(ReadOnlySpan<short> bits, ref short max, ref int at)
    {
        var width = Vector512<short>.Count;
        if (bits.Length < 2 * width || bits.Length / width >= short.MaxValue)
        {
            return ArgMaxBlocks(bits, ref max, ref at);
        }

        ref var start = ref MemoryMarshal.GetReference(bits);
        var magnitude = Vector512.Create((short)0x7FFF);
        var bestEven = Vector512.Create(short.MinValue);
        var bestOdd = bestEven;
        var blockEven = Vector512<short>.Zero;
        var blockOdd = Vector512<short>.One;
        var two = Vector512.Create((short)2);
        var atEven = Vector512<short>.Zero;
        var atOdd = Vector512<short>.One;
        var i = 0;
        for (; i <= bits.Length - (2 * width); i += 2 * width)
        {
            var even = Vector512.LoadUnsafe(ref start, (nuint)i);
            var odd = Vector512.LoadUnsafe(ref start, (nuint)(i + width));
            var keyEven = (even & magnitude) ^ Vector512.ShiftRightArithmetic(even, 15);
            var keyOdd = (odd & magnitude) ^ Vector512.ShiftRightArithmetic(odd, 15);
            atEven = Vector512.ConditionalSelect(Vector512.GreaterThan(keyEven, bestEven), blockEven, atEven);
            atOdd = Vector512.ConditionalSelect(Vector512.GreaterThan(keyOdd, bestOdd), blockOdd, atOdd);
            bestEven = Vector512.Max(keyEven, bestEven);
            bestOdd = Vector512.Max(keyOdd, bestOdd);
            blockEven += two;
            blockOdd += two;
        }

        Span<short> lanes = stackalloc short[4 * width];
        bestEven.CopyTo(lanes);
        atEven.CopyTo(lanes[width..]);
        bestOdd.CopyTo(lanes[(2 * width)..]);
        atOdd.CopyTo(lanes[(3 * width)..]);
        MergeLanes(lanes[..width], lanes.Slice(width, width), width, ref max, ref at);
        MergeLanes(lanes.Slice(2 * width, width), lanes[(3 * width)..], width, ref max, ref at);
        return i;
    }

    /// <summary>Folds each lane's best key and block into the running best (ties to the lower index).</summary>
    private static void MergeLanes(ReadOnlySpan<short> best, ReadOnlySpan<short> blocks, int width, ref short max, ref int at)
    {
        for (var lane = 0; lane < width; lane++)
        {
            var index = (blocks[lane] * width) + lane;
            if (at < 0 || best[lane] > max || (best[lane] == max && index < at))
            {
                max = best[lane];
                at = index;
            }
        }
    }

    private static short Key(short bits) => (short)((bits & 0x7FFF) ^ (bits >> 15));

    /// <summary>
    /// Float16 bit patterns to 16-bit integers in the same order as the values: the magnitude for positives, its ones'
    /// complement for negatives (so −0 sorts just below +0, as IndexOfMax orders them).
    /// </summary>
    internal static void OrderedKeys(ReadOnlySpan<short> bits, Span<short> keys)
    {
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var width = System.Numerics.Vector<short>.Count;
            var magnitude = new System.Numerics.Vector<short>(0x7FFF);
            for (; i <= bits.Length - width; i += width)
            {
                var v = new System.Numerics.Vector<short>(bits.Slice(i, width));
                ((v & magnitude) ^ System.Numerics.Vector.ShiftRightArithmetic(v, 15)).CopyTo(keys.Slice(i, width));
            }
        }

        for (; i < bits.Length; i++)
        {
            keys[i] = Key(bits[i]);
        }
    }

    private ReadOnlySpan<Half> Halves(OrtValue logits) =>
        MemoryMarshal.Cast<Float16, Half>(logits.GetTensorDataAsSpan<Float16>().Slice(_offset, _width));

    public void Dispose()
    {
        if (Runs > 0)
        {
            // One token is chosen from each run's logits: the generation's tokens and its decode rate.
            var tag = new KeyValuePair<string, object?>("model", _model.Name);
            AgentRecTelemetry.LlmTokens.Add(Runs, tag);
            var seconds = Stopwatch.GetElapsedTime(_firstRun).TotalSeconds;
            if (seconds > 0)
            {
                AgentRecTelemetry.LlmTokensPerSecond.Record(Runs / seconds, tag);
            }
        }

        _cancellation.Dispose();
        _lastLogits?.Dispose();
        _stepIds.Dispose();
        _stepPositions.Dispose();
        if (!_pastIsEmpty)
        {
            foreach (var value in _past)
            {
                value.Dispose();
            }
        }

        foreach (var value in _emptyPast)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
    }

    /// <summary>A pinned int32 or int64 array that tensors of any prefix length wrap without copying.</summary>
    private sealed class IdBuffer
    {
        private readonly int[]? _ints;
        private readonly long[]? _longs;

        public IdBuffer(TensorElementType type, int capacity)
        {
            if (type == TensorElementType.Int32)
            {
                _ints = GC.AllocateArray<int>(capacity, pinned: true);
            }
            else
            {
                _longs = GC.AllocateArray<long>(capacity, pinned: true);
            }
        }

        public void Set(int index, long value)
        {
            if (_ints is not null)
            {
                _ints[index] = (int)value;
            }
            else
            {
                _longs![index] = value;
            }
        }

        public void Fill(long value)
        {
            if (_ints is not null)
            {
                Array.Fill(_ints, (int)value);
            }
            else
            {
                Array.Fill(_longs!, value);
            }
        }

        public OrtValue Wrap(int length, long[] shape) => _ints is not null
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _ints.AsMemory(0, length), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _longs.AsMemory(0, length), shape);
    }
}
