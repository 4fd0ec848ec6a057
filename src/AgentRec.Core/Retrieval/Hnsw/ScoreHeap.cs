namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>
/// A bounded min-heap of (id, score) over caller-owned arrays: keeps the best <c>capacity</c> scores with no
/// allocation per offer; the root is the worst kept score, so a scan rejects most rows with one comparison.
/// </summary>
internal struct ScoreHeap
{
    private readonly int[] _ids;
    private readonly float[] _scores;
    private readonly int _capacity;

    public ScoreHeap(int[] ids, float[] scores, int capacity)
    {
        _ids = ids;
        _scores = scores;
        _capacity = capacity;
        Count = 0;
    }

    public int Count { get; private set; }

    public readonly bool IsFull => Count == _capacity;

    /// <summary>The worst kept score; negative infinity while not full.</summary>
    public readonly float Threshold => Count == _capacity && Count > 0 ? _scores[0] : float.NegativeInfinity;

    public readonly int RootId => _ids[0];

    public readonly float RootScore => _scores[0];

    public void Offer(int id, float score)
    {
        if (Count < _capacity)
        {
            BoundedHeap.SiftUp<float, LowerScore>(_scores, _ids, Count++, score, id);
        }
        else if (_capacity > 0 && score > _scores[0])
        {
            SiftDown(id, score, Count);
        }
    }

    /// <summary>Removes the worst kept entry.</summary>
    public void Pop()
    {
        var last = --Count;
        if (last > 0)
        {
            SiftDown(_ids[last], _scores[last], last);
        }
    }

    /// <summary>Writes the kept entries best first into <paramref name="ids"/>/<paramref name="scores"/>; the heap is empty afterwards.</summary>
    public void DrainBestFirst(Span<int> ids, Span<float> scores)
    {
        for (var r = Count - 1; r >= 0; r--)
        {
            ids[r] = _ids[0];
            scores[r] = _scores[0];
            Pop();
        }
    }

    /// <summary>The first <paramref name="count"/> entries of arrays <see cref="DrainBestFirst"/> filled, as the (id, score) pairs a search returns.</summary>
    public static (int Id, float Score)[] Pairs(int[] ids, float[] scores, int count)
    {
        var result = new (int, float)[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (ids[i], scores[i]);
        }

        return result;
    }

    private readonly void SiftDown(int id, float score, int count) =>
        BoundedHeap.SiftDown<float, LowerScore>(_scores, _ids, count, score, id);

    /// <summary>A lower score is worse; ties keep their places.</summary>
    private readonly struct LowerScore : IHeapOrder<float>
    {
        public static bool Worse(float score, int id, float otherScore, int otherId) => score < otherScore;
    }
}
