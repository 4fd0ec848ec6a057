namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>Choosing the search width that reaches a recall target on the index's own vectors.</summary>
public sealed partial class HnswIndex
{
    /// <summary>
    /// Finds the smallest search width (between k and <paramref name="maxEfSearch"/>) whose recall@<paramref name="k"/>
    /// against exact search reaches <paramref name="targetRecall"/>, sets <see cref="EfSearch"/> to it and returns the
    /// measurement. The sample queries are <paramref name="queries"/> live vectors of the index drawn with
    /// <paramref name="seed"/>, each searched with its own node left out of both answers, so the neighbourhoods measured
    /// are those of the data itself; the walk never visits the query's own node, so each query meets the graph as a new
    /// vector would rather than arriving through its own links. Widths are tried by doubling, then narrowed by bisection. When even
    /// <paramref name="maxEfSearch"/> falls short, that width is kept and <see cref="HnswCalibration.Reached"/> is false.
    /// </summary>
    public HnswCalibration CalibrateEfSearch(double targetRecall, int k = 10, int queries = 200, int maxEfSearch = 4096, int seed = 0)
    {
        if (targetRecall is <= 0 or > 1 || double.IsNaN(targetRecall))
        {
            throw new ArgumentOutOfRangeException(nameof(targetRecall), targetRecall, "Must lie in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEfSearch, k);
        var sample = SampleLive(queries, seed);
        if (sample.Length == 0 || LiveCount <= k)
        {
            // Every live node is an answer: any width finds them all.
            return new HnswCalibration(EfSearch, 1.0, targetRecall, 0, LiveCount, LiveCount);
        }

        var truth = new int[sample.Length][];
        Parallel.For(0, sample.Length, q =>
        {
            var self = sample[q];
            truth[q] = [.. ExactSearch(Vector(self), k, id => id != self).Select(h => h.Id)];
        });

        (double Recall, double Distances) Measure(int ef)
        {
            long hits = 0, distances = 0, total = 0;
            for (var q = 0; q < sample.Length; q++)
            {
                var self = sample[q];
                var found = SearchHeldOut(Vector(self), k, ef, self, out var compared);
                distances += compared;
                foreach (var (id, _) in found)
                {
                    hits += Array.IndexOf(truth[q], id) >= 0 ? 1 : 0;
                }

                total += truth[q].Length;
            }

            return (total == 0 ? 1.0 : hits / (double)total, distances / (double)sample.Length);
        }

        var low = 0;
        var ef = k;
        var (recall, mean) = Measure(ef);
        while (recall < targetRecall && ef < maxEfSearch)
        {
            low = ef;
            ef = Math.Min(maxEfSearch, ef * 2);
            (recall, mean) = Measure(ef);
        }

        if (recall >= targetRecall)
        {
            // The answer lies in (low, ef]: narrow it while the gap is wider than an eighth of ef.
            while (ef - low > Math.Max(1, ef / 8))
            {
                var middle = low + ((ef - low) / 2);
                var (r, d) = Measure(middle);
                if (r >= targetRecall)
                {
                    (ef, recall, mean) = (middle, r, d);
                }
                else
                {
                    low = middle;
                }
            }
        }

        EfSearch = ef;
        return new HnswCalibration(ef, recall, targetRecall, sample.Length, mean, LiveCount);
    }

    private int[] SampleLive(int queries, int seed)
    {
        var live = new List<int>(LiveCount);
        for (var id = 0; id < Count; id++)
        {
            if (!_removed[id] && id != _entry)
            {
                live.Add(id);
            }
        }

        var random = new Random(seed);
        var ids = live.ToArray();
        random.Shuffle(ids);
        return ids[..Math.Min(queries, ids.Length)];
    }
}
