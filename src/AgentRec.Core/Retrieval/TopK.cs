using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>Keeps the <c>k</c> best item indices by rank in a bounded min-heap: no full sort of the catalog per request.</summary>
internal sealed class TopK(int k)
{
    private readonly PriorityQueue<int, double> _heap = new(k + 1);

    /// <summary>Offers an item; it is kept when it beats the worst of the current best <c>k</c>.</summary>
    public void Offer(int index, double rank)
    {
        if (_heap.Count < k)
        {
            _heap.Enqueue(index, rank);
        }
        else if (_heap.TryPeek(out _, out var worst) && rank > worst)
        {
            _heap.DequeueEnqueue(index, rank);
        }
    }

    /// <summary>The kept indices with their ranks, best first; the heap is empty afterwards.</summary>
    public (int Index, double Rank)[] Drain()
    {
        var result = new (int, double)[_heap.Count];
        for (var r = result.Length - 1; r >= 0; r--)
        {
            _heap.TryDequeue(out var i, out var rank);
            result[r] = (i, rank);
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
}
