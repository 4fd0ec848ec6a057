using System.Diagnostics;
using AgentRec.Connectors.Qdrant;
using AgentRec.Core.Contracts;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Stores;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>The Qdrant connector's requests, retries, deadlines and errors, against <see cref="FakeQdrantGrpcServer"/>.</summary>
public sealed class QdrantConnectorTests
{
    private static readonly float[] Query = [1, 0, 0];

    private static async Task<(QdrantVectorCollection Collection, FakeQdrantGrpcServer Server)> FilledAsync(QdrantOptions? options = null, TimeProvider? time = null)
    {
        var store = QdrantGrpcTestServers.Fake(out var server, options, time);
        var c = store.GetItemCollection("items", 3);
        await c.EnsureCollectionExistsAsync();
        await c.UpsertAsync(
        [
            new ItemVectorRecord { Id = "1", Domain = "movie", Year = 1995, Genres = ["Action"], Vector = new float[] { 1, 0, 0 } },
            new ItemVectorRecord { Id = "2", Domain = "movie", Year = 1999, Genres = ["Action", "Sci-Fi"], Vector = new float[] { 0.6f, 0.8f, 0 } },
        ]);
        server.Calls.Clear();
        return (c, server);
    }

    private static ItemVectorRecord[] Records(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ItemVectorRecord { Id = "r" + i, Domain = "movie", Year = 2000 + i, Vector = new float[] { 1, i, 0 } })];

    [Fact]
    public async Task A_filtered_search_sends_a_qdrant_filter_with_must_must_not_match_and_range()
    {
        var (c, server) = await FilledAsync();
        var filter = new ItemVectorFilter
        {
            Domain = "movie", AllGenres = ["Action", "Sci-Fi"], AnyGenres = ["War", "Western"], ExcludeGenres = ["Horror", "Comedy"], YearFrom = 1990, YearTo = 1999,
        };

        var hits = await c.SearchAsync(Query, 5, new VectorSearchOptions<ItemVectorRecord> { Filter = filter.ToExpression(), Skip = 2 }).ToListAsync();

        var (method, message) = Assert.Single(server.Calls);
        var request = Assert.IsType<QueryPoints>(message);
        Assert.Equal("/qdrant.Points/Query", method);
        Assert.Equal((5ul, 2ul, true, false), (request.Limit, request.Offset, request.WithPayload.Enable, request.WithVectors.Enable));
        Assert.Equal(Query, request.Query.Nearest.Dense.Data);
        var expected = JsonParser.Default.Parse<Filter>("""
            {
              "must": [
                { "field": { "key": "domain", "match": { "keyword": "movie" } } },
                { "field": { "key": "genres", "match": { "keyword": "Action" } } },
                { "field": { "key": "genres", "match": { "keyword": "Sci-Fi" } } },
                { "field": { "key": "genres", "match": { "keywords": { "strings": ["War", "Western"] } } } },
                { "field": { "key": "year", "range": { "gte": 1990, "lte": 1999 } } }
              ],
              "mustNot": [ { "field": { "key": "genres", "match": { "keywords": { "strings": ["Horror", "Comedy"] } } } } ]
            }
            """);
        Assert.Equal(expected, request.Filter);
        Assert.Empty(hits);
    }

    [Fact]
    public async Task Points_carry_a_deterministic_uuid_and_the_original_key_in_the_payload()
    {
        var (c, server) = await FilledAsync();

        await c.UpsertAsync(new ItemVectorRecord { Id = "tt-42", Domain = "book", Vector = new float[] { 0, 0, 1 } });

        var upsert = Assert.IsType<UpsertPoints>(Assert.Single(server.Calls).Request);
        var point = Assert.Single(upsert.Points);
        Assert.Equal(QdrantPointId.FromKey("tt-42").ToString("D"), point.Id.Uuid);
        Assert.NotEqual(QdrantPointId.FromKey("tt-43"), QdrantPointId.FromKey("tt-42"));
        Assert.Equal("tt-42", point.Payload["key"].StringValue);
        Assert.False(point.Payload.ContainsKey("year"));
        Assert.True(upsert.Wait);
    }

    [Fact]
    public async Task Creating_the_collection_asks_for_cosine_vectors_and_payload_indexes_and_leaves_shards_to_the_server()
    {
        var store = QdrantGrpcTestServers.Fake(out var server);

        await store.GetItemCollection("items", 32).EnsureCollectionExistsAsync();

        var create = Assert.IsType<CreateCollection>(server.Calls.Single(c => c.Method == "/qdrant.Collections/Create").Request);
        Assert.Equal((32ul, Distance.Cosine), (create.VectorsConfig.Params.Size, create.VectorsConfig.Params.Distance));
        Assert.False(create.HasShardNumber || create.HasReplicationFactor);
        var indexes = server.Calls.Where(c => c.Method == "/qdrant.Points/CreateFieldIndex").Select(c => (CreateFieldIndexCollection)c.Request)
            .ToDictionary(i => i.FieldName, i => i.FieldType);
        Assert.Equal(FieldType.Keyword, indexes["domain"]);
        Assert.Equal(FieldType.Keyword, indexes["genres"]);
        Assert.Equal(FieldType.Integer, indexes["year"]);
        Assert.Equal(FieldType.Keyword, indexes["key"]);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_then_succeed()
    {
        var time = new FakeInstantTimeProvider();
        var (c, server) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), MaxRetries = 3 }, time);
        server.FailNext(1, StatusCode.Unavailable);
        server.RefuseNext(1);
        server.FailNext(1, StatusCode.ResourceExhausted);

        var hits = await c.SearchAsync(Query, 1).ToListAsync();

        Assert.Equal("1", Assert.Single(hits).Record.Id);
        Assert.Equal(4, server.Calls.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], time.Delays);
    }

    [Fact]
    public async Task After_the_bounded_retries_the_caller_gets_index_unavailable_with_the_server_error()
    {
        var (c, server) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.Zero, MaxRetries = 2 });
        server.FailNext(10, StatusCode.Internal);

        var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => c.GetAsync("1"));

        Assert.Equal("index_unavailable", e.Code);
        Assert.Equal(3, server.Calls.Count);
        Assert.Contains("Internal", e.Message, StringComparison.Ordinal);
        Assert.Contains("simulated failure", e.Message, StringComparison.Ordinal);
        Assert.Equal(("qdrant", "items", "get"), (e.Store, e.CollectionName, e.OperationName));
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_index_unavailable_for_every_operation()
    {
        var (c, server) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.Zero, MaxRetries = 1 });
        server.RefuseNext(100);

        var search = await Assert.ThrowsAsync<StoreUnavailableException>(() => c.SearchAsync(Query, 1).ToListAsync().AsTask());
        var upsert = await Assert.ThrowsAsync<StoreUnavailableException>(() => c.UpsertAsync(Records(1)));
        var exists = await Assert.ThrowsAsync<StoreUnavailableException>(() => c.CollectionExistsAsync());

        Assert.All([search, upsert, exists], e => Assert.Contains("Connection refused", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_that_keeps_missing_the_deadline_is_index_unavailable_without_waiting_for_it()
    {
        var (c, server) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.Zero, MaxRetries = 1, RequestTimeout = TimeSpan.FromMilliseconds(100) });
        server.DelayNext(2, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => c.SearchAsync(Query, 1).ToListAsync().AsTask());

        Assert.Contains("deadline", e.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.DeadlineExceeded, Assert.IsType<RpcException>(e.InnerException).StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task An_upsert_answered_after_its_deadline_is_retried_and_every_record_is_stored()
    {
        var (c, server) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.Zero, MaxRetries = 2, RequestTimeout = TimeSpan.FromMilliseconds(100) });
        server.DelayNext(1, TimeSpan.FromSeconds(30));

        await c.UpsertAsync(Records(3));

        Assert.Equal(2, server.Calls.Count);
        Assert.Equal(5, await c.CountAsync());
        Assert.Equal(["r0", "r1", "r2"], (await c.GetAsync(["r0", "r1", "r2"]).ToListAsync()).Select(r => r.Id));
    }

    [Fact]
    public async Task A_failed_batch_fails_the_upsert_the_acknowledged_batches_stay_and_upserting_again_completes_it()
    {
        var (c, server) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.Zero, MaxRetries = 1, UpsertBatchSize = 2 });
        var records = Records(5);
        server.AnswerNext(1);
        server.FailNext(2, StatusCode.Unavailable);

        var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => c.UpsertAsync(records));
        var afterFailure = server.PointIds("items")!.Count;
        await c.UpsertAsync(records);

        Assert.Equal("upsert", e.OperationName);
        Assert.Equal(2 + 2, afterFailure);
        Assert.Equal(2 + 5, await c.CountAsync());
    }

    [Fact]
    public async Task A_rejected_request_is_not_retried_and_surfaces_qdrants_error_text()
    {
        var (_, server) = await FilledAsync();
        var store = new QdrantVectorStore(server, new QdrantOptions { RetryBaseDelay = TimeSpan.Zero });
        var wider = store.GetItemCollection("items", 4);

        var e = await Assert.ThrowsAsync<VectorStoreException>(() => wider.UpsertAsync(new ItemVectorRecord { Id = "9", Vector = new float[] { 1, 0, 0, 0 } }));

        Assert.Single(server.Calls);
        Assert.Contains("Vector dimension error: expected dim: 3, got 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_collection_is_a_typed_error_naming_it()
    {
        var store = QdrantGrpcTestServers.Fake(out _);

        var e = await Assert.ThrowsAsync<VectorStoreCollectionNotFoundException>(() => store.GetItemCollection("nowhere", 3).CountAsync());

        Assert.Equal("nowhere", e.CollectionName);
        Assert.Contains("'nowhere'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_missing_collection_succeeds()
    {
        var store = QdrantGrpcTestServers.Fake(out var server);

        await store.GetItemCollection("nowhere", 3).EnsureCollectionDeletedAsync();

        Assert.Equal("/qdrant.Collections/Delete", Assert.Single(server.Calls).Method);
    }

    [Fact]
    public async Task The_api_key_is_sent_when_configured()
    {
        var (c, server) = await FilledAsync(new QdrantOptions { ApiKey = "s3cret", RetryBaseDelay = TimeSpan.Zero });
        var withoutKey = new QdrantVectorStore(server, new QdrantOptions()).GetItemCollection("items", 3);

        Assert.Equal(2, await c.CountAsync());
        var e = await Assert.ThrowsAsync<VectorStoreException>(() => withoutKey.CollectionExistsAsync());
        Assert.Contains("API key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_reflects_whether_qdrant_answers()
    {
        var ready = QdrantGrpcTestServers.Fake(out _);
        var down = QdrantGrpcTestServers.Fake(out var server);
        server.RefuseNext(1);

        Assert.True(await ready.IsReadyAsync());
        Assert.False(await down.IsReadyAsync());
    }

    [Fact]
    public async Task A_cancelled_caller_gets_a_cancellation_not_a_store_error()
    {
        var (c, server) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.Zero });
        server.DelayNext(1, TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();

        var search = c.SearchAsync(Query, 1, cancellationToken: cancel.Token).ToListAsync().AsTask();
        // Cancel once the server holds the call, so the test is about a call in flight on a loaded machine too.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (server.Calls.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => search);
        Assert.Single(server.Calls);
    }

    [Fact]
    public void Filters_outside_the_supported_shapes_are_refused_with_a_clear_message()
    {
        var request = () => QdrantVectorCollection.SearchRequest("items", Query, 3, new VectorSearchOptions<ItemVectorRecord> { Filter = r => r.Genres.Count > 2 });

        var e = Assert.Throws<NotSupportedException>(request);

        Assert.Contains("ItemVectorFilter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_finite_vector_is_rejected_before_anything_is_sent()
    {
        var (c, server) = await FilledAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => c.UpsertAsync([new ItemVectorRecord { Id = "ok", Vector = new float[] { 1, 0, 0 } }, new ItemVectorRecord { Id = "nan", Vector = new float[] { float.NaN, 0, 0 } }]));

        Assert.Empty(server.Calls);
    }

    [Fact]
    public async Task The_fake_server_refuses_what_qdrant_refuses()
    {
        var (_, server) = await FilledAsync();
        var client = new Points.PointsClient(server);
        var badId = new UpsertPoints { CollectionName = "items", Points = { new PointStruct { Id = new PointId { Uuid = "not-a-uuid" }, Vectors = new float[] { 1, 0, 0 } } } };
        var badCondition = new QueryPoints { CollectionName = "items", Query = new float[] { 1, 0, 0 }, Filter = new Filter { Must = { new Condition { IsEmpty = new IsEmptyCondition { Key = "year" } } } } };

        var id = await Assert.ThrowsAsync<RpcException>(() => client.UpsertAsync(badId).ResponseAsync);
        var condition = await Assert.ThrowsAsync<RpcException>(() => client.QueryAsync(badCondition).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.CountAsync(new CountPoints { CollectionName = "nowhere" }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument, StatusCode.NotFound), (id.StatusCode, condition.StatusCode, missing.StatusCode));
        Assert.Contains("Unable to parse UUID", id.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_doubles_from_the_base_delay()
    {
        var delays = Enumerable.Range(0, 4).Select(a => QdrantCalls.BackoffDelay(TimeSpan.FromMilliseconds(50), a));

        Assert.Equal([50, 100, 200, 400], delays.Select(d => d.TotalMilliseconds));
    }

    [Theory]
    [InlineData("http://localhost:6333", null, "http://localhost:6334/")]
    [InlineData("http://qdrant:6333/", null, "http://qdrant:6334/")]
    [InlineData("http://qdrant:6334", null, "http://qdrant:6334/")]
    [InlineData("https://cluster.example:443", null, "https://cluster.example/")]
    [InlineData("http://localhost:6333", "http://grpc-proxy:7000", "http://grpc-proxy:7000/")]
    public void The_grpc_address_is_the_rest_url_with_port_6333_mapped_to_6334_unless_given(string url, string? grpcUrl, string expected)
    {
        var options = new QdrantOptions { Url = url, GrpcUrl = grpcUrl };

        Assert.Equal(expected, options.GrpcAddress().ToString());
    }

    [Fact]
    public void Invalid_settings_name_their_configuration_key()
    {
        var options = new QdrantOptions { Url = "localhost:6333", GrpcUrl = "grpc://x", MaxRetries = 11, UpsertBatchSize = 0 };

        var errors = options.Validate().Select(e => e.ErrorMessage).ToList();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e!.StartsWith("VectorStore:Qdrant:Url ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.StartsWith("VectorStore:Qdrant:GrpcUrl ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.StartsWith("VectorStore:Qdrant:MaxRetries ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.StartsWith("VectorStore:Qdrant:UpsertBatchSize ", StringComparison.Ordinal));
    }

    /// <summary>A clock whose timers fire at once, recording each requested delay (no real sleeping).</summary>
    private sealed class FakeInstantTimeProvider : TimeProvider
    {
        public List<TimeSpan> Delays { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Delays)
            {
                Delays.Add(dueTime);
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
