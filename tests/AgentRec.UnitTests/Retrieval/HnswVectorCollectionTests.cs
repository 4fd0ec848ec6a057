using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.UnitTests.Retrieval;

public sealed class HnswVectorCollectionTests
{
    private const int Dims = 16;

    // A small collection's graph compares a large share of it per query, so these tests, which exercise the graph, lift the share limit.
    private static InMemoryVectorCollection Filled(int count, out float[] vectors, int threshold = 500, double maxScannedFraction = 1.0)
    {
        vectors = HnswTestVectors.Unit(count, Dims, seed: 21);
        var collection = new InMemoryVectorCollection("items", Dims, ann: new AnnIndexOptions
        {
            Threshold = threshold, MaxScannedFraction = maxScannedFraction, Hnsw = new HnswParameters { EfConstruction = 48, ExactFilterRows = 0 },
        });
        var records = new ItemVectorRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = new ItemVectorRecord
            {
                Id = $"i{i}",
                Domain = i % 2 == 0 ? "movie" : "book",
                Year = 1950 + (i % 70),
                Genres = [],
                Vector = vectors.AsMemory(i * Dims, Dims),
            };
        }

        collection.Upsert(records);
        return collection;
    }

    [Fact]
    public void Collection_below_the_threshold_searches_exactly()
    {
        using var collection = Filled(400, out var vectors);

        collection.Search(vectors.AsSpan(0, Dims), 5);

        Assert.False(collection.UsesAnnIndex);
    }

    [Fact]
    public void Collection_at_the_threshold_searches_the_graph_and_finds_each_record_by_its_own_vector()
    {
        using var collection = Filled(1_000, out var vectors);

        var hit = collection.Search(vectors.AsSpan(321 * Dims, Dims), 1);

        Assert.True(collection.UsesAnnIndex);
        Assert.Equal("i321", hit[0].Record.Id);
    }

    [Fact]
    public void Graph_search_never_returns_a_record_the_filter_rejects()
    {
        using var collection = Filled(1_000, out var vectors);

        var hits = collection.Search(vectors.AsSpan(0, Dims), 50, r => r.Domain == "book" && r.Year >= 2000);

        Assert.True(collection.UsesAnnIndex);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.True(h.Record.Domain == "book" && h.Record.Year >= 2000));
    }

    [Fact]
    public async Task Deletes_and_upserts_after_the_graph_is_built_are_reflected_in_graph_search()
    {
        using var collection = Filled(1_000, out var vectors);
        collection.Search(vectors.AsSpan(0, Dims), 1);

        await collection.DeleteAsync("i5");
        await collection.UpsertAsync(new ItemVectorRecord { Id = "new", Domain = "movie", Genres = [], Vector = vectors.AsMemory(5 * Dims, Dims) });
        var moved = collection.Search(vectors.AsSpan(999 * Dims, Dims), 1);
        var replaced = collection.Search(vectors.AsSpan(5 * Dims, Dims), 1);

        Assert.True(collection.UsesAnnIndex);
        Assert.Equal("i999", moved[0].Record.Id);
        Assert.Equal("new", replaced[0].Record.Id);
    }

    [Fact]
    public async Task Dropping_below_the_threshold_returns_to_exact_search()
    {
        using var collection = Filled(501, out var vectors);
        collection.Search(vectors.AsSpan(0, Dims), 1);

        await collection.DeleteAsync(["i0", "i1"]);
        collection.Search(vectors.AsSpan(0, Dims), 1);

        Assert.False(collection.UsesAnnIndex);
    }

    [Fact]
    public void Exact_search_stays_available_above_the_threshold()
    {
        using var collection = Filled(1_000, out var vectors);
        var query = HnswTestVectors.Unit(1, Dims, seed: 8);

        var exact = collection.SearchExact(query, 10).Select(h => h.Record.Id);
        var brute = Enumerable.Range(0, 1_000)
            .OrderByDescending(i => System.Numerics.Tensors.TensorPrimitives.Dot(query, vectors.AsSpan(i * Dims, Dims)))
            .Take(10).Select(i => $"i{i}");

        Assert.Equal(brute, exact);
    }

    [Fact]
    public void A_saved_graph_loads_into_a_collection_of_the_same_rows_and_answers_alike()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentrec-graph-{Guid.NewGuid():N}.hnsw");
        try
        {
            using var original = Filled(1_000, out var vectors);
            original.SaveAnnIndex(path);
            using var reloaded = Filled(1_000, out _);

            Assert.True(reloaded.TryLoadAnnIndex(path));

            Assert.True(reloaded.UsesAnnIndex);
            Assert.Equal(original.AnnEfSearch, reloaded.AnnEfSearch);
            for (var q = 0; q < 20; q++)
            {
                var query = vectors.AsSpan(q * 37 * Dims, Dims);
                Assert.Equal(original.Search(query, 10).Select(h => h.Record.Id), reloaded.Search(query, 10).Select(h => h.Record.Id));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_graph_saved_over_other_vectors_is_not_adopted()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentrec-graph-{Guid.NewGuid():N}.hnsw");
        try
        {
            using (var original = Filled(1_000, out _))
            {
                original.SaveAnnIndex(path);
            }

            using var changed = Filled(1_000, out var vectors);
            var moved = vectors.AsSpan(5 * Dims, Dims).ToArray();
            moved.AsSpan().Reverse();
            await changed.UpsertAsync(new ItemVectorRecord { Id = "i5", Domain = "book", Year = 1955, Genres = [], Vector = moved });

            Assert.False(changed.TryLoadAnnIndex(path));
            Assert.False(changed.UsesAnnIndex);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_damaged_graph_file_throws_the_typed_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentrec-graph-{Guid.NewGuid():N}.hnsw");
        try
        {
            using var collection = Filled(1_000, out _);
            collection.SaveAnnIndex(path);
            var bytes = File.ReadAllBytes(path);
            bytes[bytes.Length / 2] ^= 0x40;
            File.WriteAllBytes(path, bytes);

            Assert.Throws<VectorIndexCorruptException>(() => collection.TryLoadAnnIndex(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Building_the_graph_calibrates_its_search_width_to_the_recall_target()
    {
        using var collection = Filled(2_000, out _);

        Assert.True(collection.BuildAnnIndex());

        var calibration = Assert.IsType<HnswCalibration>(collection.AnnCalibration);
        Assert.True(calibration.Recall >= 0.95);
        Assert.Equal(calibration.EfSearch, collection.AnnEfSearch);
    }

    [Fact]
    public async Task A_graph_that_would_compare_more_than_the_allowed_share_is_declined_until_the_data_changes()
    {
        using var collection = Filled(2_000, out var vectors, maxScannedFraction: 0.01);

        Assert.False(collection.BuildAnnIndex());
        var declined = Assert.IsType<HnswCalibration>(collection.AnnDeclined);
        Assert.True(declined.ScannedFraction > 0.01);
        var query = vectors.AsSpan(7 * Dims, Dims);
        Assert.Equal(collection.SearchExact(query, 10).Select(h => h.Record.Id), collection.Search(query, 10).Select(h => h.Record.Id));
        Assert.False(collection.UsesAnnIndex);

        await collection.UpsertAsync(new ItemVectorRecord { Id = "i7", Domain = "movie", Year = 1957, Genres = [], Vector = vectors.AsMemory(8 * Dims, Dims) });

        Assert.Null(collection.AnnDeclined);
    }
}
