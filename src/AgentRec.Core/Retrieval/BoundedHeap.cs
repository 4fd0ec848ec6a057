namespace AgentRec.Core.Retrieval;

/// <summary>The order of a bounded min-heap's entries: whether one (score, id) is worse than another.</summary>
/// <typeparam name="TScore">The score type.</typeparam>
internal interface IHeapOrder<TScore>
{
    /// <summary>Whether (<paramref name="score"/>, <paramref name="id"/>) ranks below (<paramref name="otherScore"/>, <paramref name="otherId"/>).</summary>
    static abstract bool Worse(TScore score, int id, TScore otherScore, int otherId);
}

/// <summary>
/// The sift steps of a bounded min-heap over two parallel arrays (scores and ids), its root the worst kept entry:
/// shared by the catalog's top-k and the HNSW candidate lists, each with its own <see cref="IHeapOrder{TScore}"/>.
/// </summary>
internal static class BoundedHeap
{
    /// <summary>Puts (<paramref name="score"/>, <paramref name="id"/>) at <paramref name="slot"/> and raises it into place.</summary>
    public static void SiftUp<TScore, TOrder>(TScore[] scores, int[] ids, int slot, TScore score, int id)
        where TOrder : struct, IHeapOrder<TScore>
    {
        while (slot > 0)
        {
            var parent = (slot - 1) >> 1;
            if (!TOrder.Worse(score, id, scores[parent], ids[parent]))
            {
                break;
            }

            (scores[slot], ids[slot]) = (scores[parent], ids[parent]);
            slot = parent;
        }

        (scores[slot], ids[slot]) = (score, id);
    }

    /// <summary>Puts (<paramref name="score"/>, <paramref name="id"/>) at the root of the first <paramref name="size"/> slots and sinks it into place.</summary>
    public static void SiftDown<TScore, TOrder>(TScore[] scores, int[] ids, int size, TScore score, int id)
        where TOrder : struct, IHeapOrder<TScore>
    {
        var slot = 0;
        while (true)
        {
            var child = (2 * slot) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && TOrder.Worse(scores[child + 1], ids[child + 1], scores[child], ids[child]))
            {
                child++;
            }

            if (!TOrder.Worse(scores[child], ids[child], score, id))
            {
                break;
            }

            (scores[slot], ids[slot]) = (scores[child], ids[child]);
            slot = child;
        }

        (scores[slot], ids[slot]) = (score, id);
    }
}
