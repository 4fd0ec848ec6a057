using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// The HNSW graph over the rows of an <see cref="InMemoryVectorCollection"/>'s matrix: built (and its search width
/// calibrated) when searches first need it, kept in step with the collection's writes, dropped once stale. The
/// collection's lock guards it: writes come under its write lock, searches and builds under its read lock, where one
/// reader builds and the rest wait.
/// </summary>
internal sealed class AnnRowGraph(AnnIndexOptions ann)
{
    private readonly object _gate = new();
    private readonly List<int> _nodeOfRow = [];
    private readonly List<int> _rowOfNode = [];
    private volatile HnswIndex? _index;

    /// <summary>The graph searches walk, or null while they scan.</summary>
    public HnswIndex? Index => _index;

    /// <summary>The search width calibration of the current graph (built or loaded), or null when there is none or it was not calibrated.</summary>
    public HnswCalibration? Calibration { get; private set; }

    /// <summary>The calibration that kept searches exact because the graph would compare too many vectors; cleared by the next write.</summary>
    public HnswCalibration? Declined { get; private set; }

    /// <summary>Whether <paramref name="rows"/> rows are enough for the graph (and the graph is enabled).</summary>
    public bool Wants(int rows) => ann.Enabled && rows >= ann.Threshold;

    /// <summary>Top rows from the graph over <paramref name="matrix"/>, building it first when needed; null when searches should scan.</summary>
    public (int Row, float Score)[]? Search(VectorMatrix matrix, ReadOnlySpan<float> query, int top, Func<int, bool>? include)
    {
        if (!Wants(matrix.Count))
        {
            return null;
        }

        var index = _index ?? Build(matrix);
        if (index is null || query.Length != matrix.Dimensions)
        {
            return null;
        }

        var rowOfNode = _rowOfNode;
        var hits = index.Search(query, top, include is null ? null : node => include(rowOfNode[node]));
        var result = new (int, float)[hits.Length];
        for (var i = 0; i < hits.Length; i++)
        {
            result[i] = (rowOfNode[hits[i].Id], hits[i].Score);
        }

        return result;
    }

    /// <summary>Builds the graph when <paramref name="matrix"/> is large enough and there is none; whether searches use a graph afterwards.</summary>
    public bool Ensure(VectorMatrix matrix) => Wants(matrix.Count) && (_index ?? Build(matrix)) is not null;

    /// <summary>Writes a graph over exactly the rows of <paramref name="matrix"/>, in order, to <paramref name="path"/>.</summary>
    public void Save(VectorMatrix matrix, string path)
    {
        var index = _index ?? Build(matrix) ?? NewIndex(matrix, out _);
        if (index.Count != matrix.Count || index.LiveCount != matrix.Count)
        {
            index = NewIndex(matrix, out _);
        }

        index.Save(path);
    }

    /// <summary>Makes <paramref name="loaded"/>, a graph over every row of <paramref name="matrix"/> in order, the one searches walk.</summary>
    public void Adopt(HnswIndex loaded, VectorMatrix matrix)
    {
        lock (_gate)
        {
            Install(loaded, calibration: null, matrix.Count);
        }
    }

    /// <summary>Row <paramref name="row"/> was added with <paramref name="vector"/>.</summary>
    public void Added(int row, ReadOnlySpan<float> vector)
    {
        Declined = null;
        if (_index is { } index)
        {
            _nodeOfRow.Add(index.Add(vector));
            _rowOfNode.Add(row);
        }
    }

    /// <summary>Row <paramref name="row"/> now holds <paramref name="vector"/>.</summary>
    public void Replaced(int row, ReadOnlySpan<float> vector)
    {
        Declined = null;
        if (_index is { } index)
        {
            index.Remove(_nodeOfRow[row]);
            _rowOfNode[_nodeOfRow[row]] = -1;
            var node = index.Add(vector);
            _nodeOfRow[row] = node;
            _rowOfNode.Add(row);
            DropWhenStale(index);
        }
    }

    /// <summary>Row <paramref name="row"/> was deleted and row <paramref name="last"/> moved into its place, leaving <paramref name="rows"/> rows.</summary>
    public void Deleted(int row, int last, int rows)
    {
        Declined = null;
        if (_index is not { } index)
        {
            return;
        }

        var node = _nodeOfRow[row];
        index.Remove(node);
        _rowOfNode[node] = -1;
        if (row != last)
        {
            var moved = _nodeOfRow[last];
            _nodeOfRow[row] = moved;
            _rowOfNode[moved] = row;
        }

        _nodeOfRow.RemoveAt(last);
        if (rows < ann.Threshold)
        {
            Drop();
        }
        else
        {
            DropWhenStale(index);
        }
    }

    /// <summary>Forgets the graph; the next search that wants one builds it again.</summary>
    public void Drop()
    {
        _index = null;
        Calibration = null;
        _rowOfNode.Clear();
        _nodeOfRow.Clear();
    }

    /// <summary>
    /// Builds the graph over every row (all cores); readers may race here, so one builds and the rest wait. Null when
    /// the calibrated graph would compare more of the vectors per query than the options allow: searches then stay
    /// exact (faster and exact at that share) until the data changes.
    /// </summary>
    private HnswIndex? Build(VectorMatrix matrix)
    {
        lock (_gate)
        {
            if (_index is { } built)
            {
                return built;
            }

            if (Declined is not null)
            {
                return null;
            }

            var index = NewIndex(matrix, out var calibration);
            if (calibration is { } c && c.ScannedFraction > ann.MaxScannedFraction)
            {
                Declined = c;
                return null;
            }

            Install(index, calibration, matrix.Count);
            return index;
        }
    }

    /// <summary>Makes <paramref name="index"/> (built over every row in order) the graph searches use. Caller holds the gate.</summary>
    private void Install(HnswIndex index, HnswCalibration? calibration, int rows)
    {
        _rowOfNode.Clear();
        _nodeOfRow.Clear();
        for (var r = 0; r < rows; r++)
        {
            _rowOfNode.Add(r);
            _nodeOfRow.Add(r);
        }

        Calibration = calibration;
        _index = index;
    }

    /// <summary>A graph over every row in order, its search width calibrated to the recall target when one is set.</summary>
    private HnswIndex NewIndex(VectorMatrix matrix, out HnswCalibration? calibration)
    {
        var index = new HnswIndex(matrix.Dimensions, ann.Hnsw, new Random(ann.Seed), matrix.Count);
        index.AddRange(matrix.Data);
        calibration = ann.TargetRecall > 0
            ? index.CalibrateEfSearch(ann.TargetRecall, k: 10, ann.CalibrationQueries, Math.Max(10, ann.MaxEfSearch), ann.Seed)
            : null;
        return index;
    }

    /// <summary>Once half the graph is tombstones, searches walk mostly dead nodes: drop it and rebuild on the next search.</summary>
    private void DropWhenStale(HnswIndex index)
    {
        if (index.Count - index.LiveCount > index.LiveCount)
        {
            Drop();
        }
    }
}
