namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>Per-thread state of <see cref="HnswIndex"/> searches and inserts, reused across calls: visit stamps, candidate queue, result heap, link buffers.</summary>
internal sealed class HnswScratch
{
    [ThreadStatic]
    private static HnswScratch? t_scratch;

    // Two bytes a node (a new stamp per walk, cleared every 65,535 walks): at 1M nodes the marks take 2 MB of
    // cache instead of 4 MB, and a walk reads one mark per neighbour it meets.
    private ushort[] _visited = [];

    public ushort Stamp { get; private set; }

    /// <summary>Vectors compared with a query since last reset (for calibration).</summary>
    public long Distances { get; set; }

    public PriorityQueue<int, float> Candidates { get; } = new();

    public int[] ResultIds { get; private set; } = [];

    public float[] ResultScores { get; private set; } = [];

    public int[] Neighbours { get; private set; } = [];

    public int[] PruneIds { get; private set; } = [];

    public float[] PruneScores { get; private set; } = [];

    public int[] OutIds { get; private set; } = [];

    public float[] OutScores { get; private set; } = [];

    /// <summary>This thread's scratch, its link buffers wide enough for <paramref name="maxLinks"/> links.</summary>
    public static HnswScratch For(int maxLinks)
    {
        var scratch = t_scratch ??= new HnswScratch();
        var links = maxLinks + 2;
        if (scratch.Neighbours.Length < links)
        {
            scratch.Neighbours = new int[links];
            scratch.PruneIds = new int[links];
            scratch.PruneScores = new float[links];
        }

        return scratch;
    }

    public ushort[] NextVisit(int count)
    {
        if (_visited.Length < count)
        {
            _visited = new ushort[Math.Max(count, _visited.Length * 2)];
            Stamp = 0;
        }

        if (Stamp == ushort.MaxValue)
        {
            Array.Clear(_visited);
            Stamp = 0;
        }

        Stamp++;
        return _visited;
    }

    /// <summary>An empty heap of <paramref name="capacity"/> over the result arrays; output arrays sized to match.</summary>
    public ScoreHeap ResultHeap(int capacity)
    {
        if (ResultIds.Length < capacity)
        {
            ResultIds = new int[capacity];
            ResultScores = new float[capacity];
            OutIds = new int[capacity];
            OutScores = new float[capacity];
        }

        return new ScoreHeap(ResultIds, ResultScores, capacity);
    }
}
