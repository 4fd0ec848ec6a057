using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Keeps the <c>k</c> best item indices by rank in a bounded min-heap over two flat arrays (its root the worst kept):
/// no full sort of the catalog per request, and an item that cannot enter costs one comparison. Equal ranks keep the
/// lower index, so the result does not depend on the heap's layout.
/// </summary>
internal sealed class TopK
{
    private readonly int _k;
    private readonly double[] _ranks;
    private readonly int[] _ids;
    private int _count;

    public TopK(int k)
    {
        _k = Math.Max(0, k);
        _ranks = new double[_k];
        _ids = new int[_k];
    }

    /// <summary>The indices of the <paramref name="count"/> highest positive scores, best first (ties by lower index).</summary>
    public static int[] Best(ReadOnlySpan<double> scores, int count, Func<int, bool>? include = null)
    {
        if (count <= 0)
        {
            return [];
        }

        // The predicate is asked only about items that would enter the top list.
        var top = new TopK(count);
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            if (score <= 0 || !top.Admits(i, score) || (include is not null && !include(i)))
            {
                continue;
            }

            top.Offer(i, score);
        }

        var kept = top.Drain();
        var result = new int[kept.Length];
        for (var r = 0; r < kept.Length; r++)
        {
            result[r] = kept[r].Index;
        }

        return result;
    }

    /// <summary>Whether <see cref="Offer"/> would keep the item: the heap has room or the item beats its worst.</summary>
    public bool Admits(int index, double rank) => _count < _k || (_k > 0 && LowerRank.Worse(_ranks[0], _ids[0], rank, index));

    /// <summary>Offers an item; it is kept when it beats the worst of the current best <c>k</c>.</summary>
    public void Offer(int index, double rank)
    {
        if (_count < _k)
        {
            SiftUp(_count++, rank, index);
        }
        else if (Admits(index, rank))
        {
            SiftDown(_count, rank, index);
        }
    }

    /// <summary>The kept indices with their ranks, best first; the heap is empty afterwards.</summary>
    public (int Index, double Rank)[] Drain()
    {
        var result = new (int, double)[_count];
        for (var r = _count - 1; r >= 0; r--)
        {
            result[r] = (_ids[0], _ranks[0]);
            _count--;
            if (_count > 0)
            {
                SiftDown(_count, _ranks[_count], _ids[_count]);
            }
        }

        return result;
    }

    /// <summary>The kept items as candidates, best first, each with its score scaled by <paramref name="max"/> as retrieval score.</summary>
    public ScoredCandidate[] DrainCandidates(ItemCatalog catalog, double[] scores, double max)
    {
        var kept = Drain();
        var result = new ScoredCandidate[kept.Length];
        for (var r = 0; r < kept.Length; r++)
        {
            var i = kept[r].Index;
            result[r] = new ScoredCandidate(catalog.Items[i], i, max > 0 ? scores[i] / max : 0);
        }

        return result;
    }

    private void SiftUp(int slot, double rank, int id) => BoundedHeap.SiftUp<double, LowerRank>(_ranks, _ids, slot, rank, id);

    /// <summary>Puts (rank, id) at the root of the first <paramref name="size"/> slots and sinks it into place.</summary>
    private void SiftDown(int size, double rank, int id) => BoundedHeap.SiftDown<double, LowerRank>(_ranks, _ids, size, rank, id);

    /// <summary>Worse: a lower rank, or the same rank at a higher index.</summary>
    private readonly struct LowerRank : IHeapOrder<double>
    {
        public static bool Worse(double rank, int id, double otherRank, int otherId) =>
            rank < otherRank || (rank == otherRank && id > otherId);
    }
}
