namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>Growing the graph: room for new nodes, their levels, and linking each to its nearest neighbours layer by layer.</summary>
public sealed partial class HnswIndex
{
    private int Reserve(int n)
    {
        var needed = checked(Count + n);
        if ((long)needed * Dimensions > Array.MaxLength)
        {
            throw new InvalidOperationException($"An HNSW index of {Dimensions}-dimensional vectors holds at most {Array.MaxLength / Dimensions} nodes.");
        }

        if (needed > _levels.Length)
        {
            var capacity = (int)Math.Min(Math.Max((long)_levels.Length * 2, needed), Array.MaxLength / Dimensions);
            Array.Resize(ref _vectors, capacity * Dimensions);
            Array.Resize(ref _links0, capacity * (_m0 + 1));
            Array.Resize(ref _upper, capacity);
            Array.Resize(ref _levels, capacity);
            Array.Resize(ref _removed, capacity);
        }

        var first = Count;
        Count = needed;
        LiveCount += n;
        return first;
    }

    private void AssignLevel(int id)
    {
        var level = (int)Math.Min(MaxLevel, Math.Floor(-Math.Log(1.0 - _random.NextDouble()) * _levelFactor));
        _levels[id] = (byte)level;
        _links0[id * (_m0 + 1)] = 0;
        _upper[id] = level > 0 ? new int[level * (_m + 1)] : null!;
    }

    private void Insert(int id, HnswScratch scratch, bool locked)
    {
        var level = (int)_levels[id];
        int entry, top;
        lock (_entryGate)
        {
            if (_entry < 0)
            {
                _entry = id;
                _maxLevel = level;
                return;
            }

            entry = _entry;
            top = _maxLevel;
        }

        var query = _vectors.AsSpan(id * Dimensions, Dimensions);
        var entryScore = Dot(query, entry);
        for (var l = top; l > level; l--)
        {
            (entry, entryScore) = Greedy(query, entry, entryScore, l, scratch, locked);
        }

        for (var l = Math.Min(level, top); l >= 0; l--)
        {
            var found = SearchLayer(query, entry, entryScore, Parameters.EfConstruction, l, scratch, locked, include: null, resultsOnlyLive: false);
            var ids = scratch.OutIds.AsSpan(0, found);
            var scores = scratch.OutScores.AsSpan(0, found);
            entry = ids[0];
            entryScore = scores[0];
            var kept = SelectNeighbours(ids, scores, _m);
            SetLinks(id, l, ids[..kept], locked);
            for (var i = 0; i < kept; i++)
            {
                Link(ids[i], id, l, scratch, locked);
            }
        }

        if (level > top)
        {
            lock (_entryGate)
            {
                if (level > _maxLevel)
                {
                    _entry = id;
                    _maxLevel = level;
                }
            }
        }
    }

    /// <summary>
    /// The neighbour heuristic: walking candidates best first, keep one only when it is closer to the base than to every
    /// neighbour already kept, which spreads links over directions. Compacts the kept ones to the front; returns how many.
    /// </summary>
    private int SelectNeighbours(Span<int> ids, Span<float> scores, int max)
    {
        if (ids.Length <= max)
        {
            return ids.Length;
        }

        var kept = 0;
        for (var i = 0; i < ids.Length && kept < max; i++)
        {
            var candidate = _vectors.AsSpan(ids[i] * Dimensions, Dimensions);
            var good = true;
            for (var j = 0; j < kept; j++)
            {
                if (TensorPrimitives.Dot(candidate, _vectors.AsSpan(ids[j] * Dimensions, Dimensions)) > scores[i])
                {
                    good = false;
                    break;
                }
            }

            if (good)
            {
                ids[kept] = ids[i];
                scores[kept] = scores[i];
                kept++;
            }
        }

        return kept;
    }

    private void SetLinks(int id, int level, ReadOnlySpan<int> neighbours, bool locked)
    {
        if (locked)
        {
            lock (Stripe(id))
            {
                WriteLinks(id, level, neighbours);
            }
        }
        else
        {
            WriteLinks(id, level, neighbours);
        }
    }

    /// <summary>Adds a link <paramref name="from"/> → <paramref name="to"/>; when the list is full, re-selects it with the heuristic.</summary>
    private void Link(int from, int to, int level, HnswScratch scratch, bool locked)
    {
        if (locked)
        {
            lock (Stripe(from))
            {
                LinkUnlocked(from, to, level, scratch);
            }
        }
        else
        {
            LinkUnlocked(from, to, level, scratch);
        }
    }

    private void LinkUnlocked(int from, int to, int level, HnswScratch scratch)
    {
        var list = Links(from, level, out var max);
        var n = list[0];
        if (n < max)
        {
            list[1 + n] = to;
            list[0] = n + 1;
            return;
        }

        var baseVector = _vectors.AsSpan(from * Dimensions, Dimensions);
        var ids = scratch.PruneIds.AsSpan(0, n + 1);
        var scores = scratch.PruneScores.AsSpan(0, n + 1);
        for (var i = 0; i < n; i++)
        {
            ids[i] = list[1 + i];
            scores[i] = TensorPrimitives.Dot(baseVector, _vectors.AsSpan(ids[i] * Dimensions, Dimensions));
        }

        ids[n] = to;
        scores[n] = TensorPrimitives.Dot(baseVector, _vectors.AsSpan(to * Dimensions, Dimensions));
        scores.Sort(ids, static (a, b) => b.CompareTo(a));
        var kept = SelectNeighbours(ids, scores, max);
        ids[..kept].CopyTo(list.Slice(1, kept));
        list[0] = kept;
    }

    private void WriteLinks(int id, int level, ReadOnlySpan<int> neighbours)
    {
        var list = Links(id, level, out _);
        neighbours.CopyTo(list[1..]);
        list[0] = neighbours.Length;
    }
}
