using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AgentRec.Core.Llm;

/// <summary>
/// The all-ones attention masks of a model, one tensor per length over a single pinned array that every generation
/// shares. A single sequence never pads, so the mask a step of length n needs is the same in every generation; each
/// length's tensor is made on first use and kept until the model is disposed, and a decode step wraps nothing.
/// Thread-safe; the runtime only reads the masks.
/// </summary>
internal sealed class AttentionMasks : IDisposable
{
    private readonly int[]? _ints;
    private readonly long[]? _longs;
    private readonly OrtValue?[] _values;
    private bool _disposed;

    public AttentionMasks(TensorElementType type, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (type == TensorElementType.Int32)
        {
            _ints = GC.AllocateArray<int>(capacity, pinned: true);
            Array.Fill(_ints, 1);
        }
        else
        {
            _longs = GC.AllocateArray<long>(capacity, pinned: true);
            Array.Fill(_longs, 1L);
        }

        _values = new OrtValue?[capacity];
    }

    /// <summary>The longest mask held (the model's context length).</summary>
    public int Capacity => _values.Length;

    /// <summary>The mask of shape [1, <paramref name="length"/>]; owned by this cache, never disposed by the caller.</summary>
    public OrtValue Get(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Capacity);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ref var slot = ref _values[length - 1];
        if (Volatile.Read(ref slot) is { } cached)
        {
            return cached;
        }

        long[] shape = [1, length];
        var created = _ints is not null
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _ints.AsMemory(0, length), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _longs.AsMemory(0, length), shape);
        if (Interlocked.CompareExchange(ref slot, created, null) is { } raced)
        {
            created.Dispose();
            return raced;
        }

        return created;
    }

    public void Dispose()
    {
        _disposed = true;
        for (var i = 0; i < _values.Length; i++)
        {
            Interlocked.Exchange(ref _values[i], null)?.Dispose();
        }
    }
}
