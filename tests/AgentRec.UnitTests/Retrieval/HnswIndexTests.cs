using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Hnsw;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Retrieval;

public sealed class HnswIndexTests : IDisposable
{
    private const int Dims = 48;
    // ExactFilterRows = 0 so filtered searches walk the graph unless the filter passes under 5% of the nodes.
    private static readonly HnswParameters Parameters = new() { M = 12, EfConstruction = 64, EfSearch = 100, ExactFilterRows = 0 };
    private static readonly Lazy<(HnswIndex Index, float[] Vectors)> Built = new(() =>
    {
        var vectors = HnswTestVectors.Unit(3_000, Dims, seed: 7);
        var index = new HnswIndex(Dims, Parameters, new Random(11), capacity: 3_000);
        index.AddRange(vectors);
        return (index, vectors);
    });

    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-hnsw-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Recall_at_10_against_exact_search_is_at_least_0_95_on_random_unit_vectors()
    {
        var (index, vectors) = Built.Value;
        var matrix = Matrix(vectors);
        var queries = HnswTestVectors.Unit(200, Dims, seed: 99);
        var hits = 0;
        for (var q = 0; q < 200; q++)
        {
            var query = queries.AsSpan(q * Dims, Dims);
            var truth = matrix.Search(query, 10).Select(h => h.Row).ToHashSet();
            hits += index.Search(query, 10).Count(h => truth.Contains(h.Id));
        }

        Assert.True(hits / 2000.0 >= 0.95, $"recall@10 was {hits / 2000.0:F3}");
    }

    [Fact]
    public void Vector_added_alone_is_its_own_nearest_neighbour()
    {
        var (index, vectors) = Built.Value;

        var hit = index.Search(vectors.AsSpan(1234 * Dims, Dims), 1);

        Assert.Equal(1234, hit[0].Id);
        Assert.Equal(1f, hit[0].Score, 0.001f);
    }

    [Property(MaxTest = 60)]
    public Property Filtered_search_returns_only_passing_nodes_and_as_many_as_pass()
    {
        var (index, _) = Built.Value;
        var gen =
            from modulus in Gen.Choose(1, 400)
            from remainder in Gen.Choose(0, 399)
            from k in Gen.Choose(1, 30)
            from seed in Gen.Choose(0, 10_000)
            select (modulus, remainder: remainder % modulus, k, seed);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var query = HnswTestVectors.Unit(1, Dims, c.seed);
            bool Include(int id) => id % c.modulus == c.remainder;
            var passing = Enumerable.Range(0, index.Count).Count(Include);
            var hits = index.Search(query, c.k, Include);
            return hits.All(h => Include(h.Id))
                && hits.Length == Math.Min(c.k, passing)
                && hits.Select(h => h.Id).Distinct().Count() == hits.Length;
        });
    }

    [Fact]
    public void Selective_filter_is_answered_exactly()
    {
        var (index, vectors) = Built.Value;
        var query = HnswTestVectors.Unit(1, Dims, seed: 5);
        static bool Include(int id) => id % 97 == 3;

        var hits = index.Search(query, 10, Include).Select(h => h.Id);
        var exact = Matrix(vectors).Search(query, 10, Include).Select(h => h.Row);

        Assert.Equal(exact, hits);
    }

    [Fact]
    public void Filter_passing_few_rows_is_answered_exactly_by_row_count()
    {
        var (_, vectors) = Built.Value;
        var loose = new HnswIndex(Dims, Parameters with { ExactFilterRows = 600 }, new Random(1));
        loose.AddRange(vectors.AsSpan(0, 1_000 * Dims));
        var query = HnswTestVectors.Unit(1, Dims, seed: 6);
        static bool Include(int id) => id % 2 == 0;

        var hits = loose.Search(query, 10, Include).Select(h => h.Id);
        var exact = loose.ExactSearch(query, 10, Include).Select(h => h.Id);

        Assert.Equal(exact, hits);
    }

    [Fact]
    public void Removed_nodes_are_never_returned_and_the_rest_still_are()
    {
        var vectors = HnswTestVectors.Unit(1_000, 16, seed: 3);
        var index = new HnswIndex(16, Parameters, new Random(1));
        index.AddRange(vectors, degreeOfParallelism: 1);
        for (var id = 0; id < 1_000; id += 2)
        {
            Assert.True(index.Remove(id));
        }

        var removedAgain = index.Remove(0);
        var hits = index.Search(vectors.AsSpan(0, 16), 20);
        var self = index.Search(vectors.AsSpan(501 * 16, 16), 1);

        Assert.False(removedAgain);
        Assert.Equal(500, index.LiveCount);
        Assert.Equal(20, hits.Length);
        Assert.All(hits, h => Assert.Equal(1, h.Id % 2));
        Assert.Equal(501, self[0].Id);
    }

    [Fact]
    public void Saved_and_loaded_index_gives_identical_results()
    {
        var (index, _) = Built.Value;
        var path = Path.Combine(_folder, "items.hnsw");
        index.Save(path);

        var loaded = HnswIndex.Load(path, new Random(1));

        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.Parameters, loaded.Parameters);
        var queries = HnswTestVectors.Unit(20, Dims, seed: 42);
        for (var q = 0; q < 20; q++)
        {
            var query = queries.AsSpan(q * Dims, Dims);
            Assert.Equal(index.Search(query, 10), loaded.Search(query, 10));
            Assert.Equal(index.Search(query, 5, id => id % 3 == 0), loaded.Search(query, 5, id => id % 3 == 0));
        }
    }

    [Fact]
    public void Loaded_index_keeps_tombstones_and_accepts_new_vectors()
    {
        var vectors = HnswTestVectors.Unit(300, 8, seed: 2);
        var index = new HnswIndex(8, Parameters, new Random(1));
        index.AddRange(vectors);
        index.Remove(10);
        var path = Path.Combine(_folder, "small.hnsw");
        index.Save(path);

        var loaded = HnswIndex.Load(path, new Random(1));
        var added = loaded.Add(vectors.AsSpan(10 * 8, 8));

        Assert.True(loaded.IsRemoved(10));
        Assert.Equal(300, added);
        Assert.Equal(added, loaded.Search(vectors.AsSpan(10 * 8, 8), 1)[0].Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(5_000)]
    public void Truncated_file_fails_with_a_typed_error_naming_the_file(int keptBytes)
    {
        var path = SavedSmallIndex();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..Math.Min(keptBytes, bytes.Length - 1)]);

        var error = Assert.Throws<VectorIndexCorruptException>(() => HnswIndex.Load(path, new Random(1)));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Altered_byte_fails_the_checksum()
    {
        var path = SavedSmallIndex();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<VectorIndexCorruptException>(() => HnswIndex.Load(path, new Random(1)));

        Assert.Contains("checksum", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Foreign_file_is_rejected_by_its_magic_bytes()
    {
        var path = Path.Combine(_folder, "notes.hnsw");
        File.WriteAllText(path, new string('x', 500));

        var error = Assert.Throws<VectorIndexCorruptException>(() => HnswIndex.Load(path, new Random(1)));

        Assert.Contains("magic", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_over_an_existing_file_leaves_no_temporary_files()
    {
        var path = SavedSmallIndex();
        var index = HnswIndex.Load(path, new Random(1));

        index.Save(path);

        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    private string SavedSmallIndex()
    {
        var index = new HnswIndex(8, Parameters, new Random(1));
        index.AddRange(HnswTestVectors.Unit(400, 8, seed: 4));
        var path = Path.Combine(_folder, "small.hnsw");
        index.Save(path);
        return path;
    }

    private static VectorMatrix Matrix(float[] vectors)
    {
        var matrix = new VectorMatrix(Dims, vectors.Length / Dims);
        for (var i = 0; i < vectors.Length / Dims; i++)
        {
            matrix.Add(vectors.AsSpan(i * Dims, Dims));
        }

        return matrix;
    }
}
