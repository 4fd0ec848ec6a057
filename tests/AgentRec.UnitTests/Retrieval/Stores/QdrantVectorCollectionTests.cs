using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Qdrant;
using AgentRec.Core.Retrieval.Stores;
using Microsoft.Extensions.VectorData;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>The Qdrant client's wire format, retries and errors, against <see cref="RecordedQdrantHandler"/>.</summary>
public sealed class QdrantVectorCollectionTests
{
    private static readonly float[] Query = [1, 0, 0];

    private static async Task<(QdrantVectorCollection Collection, RecordedQdrantHandler Handler)> FilledAsync(QdrantOptions? options = null, TimeProvider? time = null)
    {
        var store = QdrantTestServers.Recorded(out var handler, options, time);
        var c = store.GetItemCollection("items", 3);
        await c.EnsureCollectionExistsAsync();
        await c.UpsertAsync(
        [
            new ItemVectorRecord { Id = "1", Domain = "movie", Year = 1995, Genres = ["Action"], Vector = new float[] { 1, 0, 0 } },
            new ItemVectorRecord { Id = "2", Domain = "movie", Year = 1999, Genres = ["Action", "Sci-Fi"], Vector = new float[] { 0.6f, 0.8f, 0 } },
        ]);
        handler.Requests.Clear();
        return (c, handler);
    }

    [Fact]
    public async Task A_filtered_search_sends_qdrant_filter_json_with_must_must_not_match_and_range()
    {
        var (c, handler) = await FilledAsync();
        var filter = new ItemVectorFilter
        {
            Domain = "movie", AllGenres = ["Action", "Sci-Fi"], AnyGenres = ["War", "Western"], ExcludeGenres = ["Horror", "Comedy"], YearFrom = 1990, YearTo = 1999,
        };

        var hits = await c.SearchAsync(Query, 5, new VectorSearchOptions<ItemVectorRecord> { Filter = filter.ToExpression(), Skip = 2 }).ToListAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal(("POST", "/collections/items/points/search"), (request.Method, request.PathAndQuery));
        var expected = JsonNode.Parse("""
            {
              "vector": [1, 0, 0], "limit": 5, "with_payload": true, "with_vector": false, "offset": 2,
              "filter": {
                "must": [
                  { "key": "domain", "match": { "value": "movie" } },
                  { "key": "genres", "match": { "value": "Action" } },
                  { "key": "genres", "match": { "value": "Sci-Fi" } },
                  { "key": "genres", "match": { "any": ["War", "Western"] } },
                  { "key": "year", "range": { "gte": 1990, "lte": 1999 } }
                ],
                "must_not": [ { "key": "genres", "match": { "any": ["Horror", "Comedy"] } } ]
              }
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body!)), request.Body);
        Assert.Empty(hits);
    }

    [Fact]
    public async Task Points_carry_a_deterministic_uuid_and_the_original_key_in_the_payload()
    {
        var (c, handler) = await FilledAsync();

        await c.UpsertAsync(new ItemVectorRecord { Id = "tt-42", Domain = "book", Vector = new float[] { 0, 0, 1 } });

        var point = JsonNode.Parse(handler.Requests.Single().Body!)!["points"]![0]!;
        Assert.Equal(QdrantPointId.FromKey("tt-42"), point["id"]!.GetValue<string>());
        Assert.True(Guid.TryParse(point["id"]!.GetValue<string>(), out _));
        Assert.NotEqual(QdrantPointId.FromKey("tt-43"), QdrantPointId.FromKey("tt-42"));
        Assert.Equal("tt-42", point["payload"]!["key"]!.GetValue<string>());
        Assert.Equal("/collections/items/points?wait=true", handler.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Creating_the_collection_asks_for_cosine_vectors_and_keyword_and_integer_payload_indexes()
    {
        var store = QdrantTestServers.Recorded(out var handler);

        await store.GetItemCollection("items", 32).EnsureCollectionExistsAsync();

        var create = handler.Requests.Single(r => r.Method == "PUT" && r.PathAndQuery == "/collections/items");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"vectors":{"size":32,"distance":"Cosine"}}"""), JsonNode.Parse(create.Body!)));
        var indexes = handler.Requests.Where(r => r.PathAndQuery == "/collections/items/index?wait=true")
            .Select(r => JsonNode.Parse(r.Body!)!).ToDictionary(n => n["field_name"]!.GetValue<string>(), n => n["field_schema"]!.GetValue<string>());
        Assert.Equal("keyword", indexes["domain"]);
        Assert.Equal("keyword", indexes["genres"]);
        Assert.Equal("integer", indexes["year"]);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_then_succeed()
    {
        var time = new FakeInstantTimeProvider();
        var (c, handler) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), MaxRetries = 3 }, time);
        handler.FailNext(1, HttpStatusCode.ServiceUnavailable);
        handler.RefuseNext(1);
        handler.FailNext(1, HttpStatusCode.TooManyRequests);

        var hits = await c.SearchAsync(Query, 1).ToListAsync();

        Assert.Equal("1", Assert.Single(hits).Record.Id);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], time.Delays);
    }

    [Fact]
    public async Task After_the_bounded_retries_the_caller_gets_index_unavailable_with_the_server_error()
    {
        var (c, handler) = await FilledAsync(new QdrantOptions { RetryBaseDelay = TimeSpan.Zero, MaxRetries = 2 });
        handler.FailNext(10, HttpStatusCode.BadGateway);

        var e = await Assert.ThrowsAsync<VectorStoreUnavailableException>(() => c.GetAsync("1"));

        Assert.Equal("index_unavailable", e.Code);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Contains("502", e.Message, StringComparison.Ordinal);
        Assert.Contains("simulated failure", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_request_is_not_retried_and_surfaces_qdrants_error_text()
    {
        var (_, handler) = await FilledAsync();
        var store = new QdrantVectorStore(new HttpClient(handler), new QdrantOptions { RetryBaseDelay = TimeSpan.Zero });
        var wider = store.GetItemCollection("items", 4);

        var e = await Assert.ThrowsAsync<VectorStoreException>(() => wider.UpsertAsync(new ItemVectorRecord { Id = "9", Vector = new float[] { 1, 0, 0, 0 } }));

        Assert.Single(handler.Requests);
        Assert.Contains("Vector dimension error: expected dim: 3, got 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_collection_is_a_typed_error_naming_it()
    {
        var store = QdrantTestServers.Recorded(out _);

        var e = await Assert.ThrowsAsync<VectorStoreCollectionNotFoundException>(() => store.GetItemCollection("nowhere", 3).CountAsync());

        Assert.Equal("nowhere", e.CollectionName);
        Assert.Contains("'nowhere'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_key_is_sent_when_configured()
    {
        var options = new QdrantOptions { ApiKey = "s3cret", RetryBaseDelay = TimeSpan.Zero };
        var (c, _) = await FilledAsync(options);
        var withoutKey = new QdrantVectorStore(new HttpClient(new RecordedQdrantHandler { RequiredApiKey = "s3cret" }), new QdrantOptions()).GetItemCollection("items", 3);

        Assert.Equal(2, await c.CountAsync());
        var e = await Assert.ThrowsAsync<VectorStoreException>(() => withoutKey.CollectionExistsAsync());
        Assert.Contains("API key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_reflects_whether_qdrant_answers()
    {
        var ready = QdrantTestServers.Recorded(out _);
        var down = QdrantTestServers.Recorded(out var handler);
        handler.RefuseNext(1);

        Assert.True(await ready.IsReadyAsync());
        Assert.False(await down.IsReadyAsync());
    }

    [Fact]
    public async Task The_recorded_handler_rejects_malformed_requests_as_qdrant_does()
    {
        var (_, handler) = await FilledAsync();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost:6333/") };

        using var noLimit = await http.PostAsync("collections/items/points/search", Json("""{"vector":[1,0,0]}"""));
        using var badCondition = await http.PostAsync("collections/items/points/search", Json("""{"vector":[1,0,0],"limit":3,"filter":{"must":[{"key":"year","between":[1,2]}]}}"""));
        using var badId = await http.PutAsync("collections/items/points", Json("""{"points":[{"id":"not-a-uuid","vector":[1,0,0]}]}"""));

        foreach (var (response, text) in new[] { (noLimit, "missing field `limit`"), (badCondition, "untagged enum Condition"), (badId, "not a valid point ID") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Contains(text, body["status"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.NotNull(body["time"]);
        }
    }

    [Fact]
    public void Filters_outside_the_supported_shapes_are_refused_with_a_clear_message()
    {
        var body = () => QdrantVectorCollection.SearchBody(Query, 3, new VectorSearchOptions<ItemVectorRecord> { Filter = r => r.Genres.Count > 2 });

        var e = Assert.Throws<NotSupportedException>(body);

        Assert.Contains("ItemVectorFilter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_finite_vector_is_rejected_before_anything_is_sent()
    {
        var (c, handler) = await FilledAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => c.UpsertAsync([new ItemVectorRecord { Id = "ok", Vector = new float[] { 1, 0, 0 } }, new ItemVectorRecord { Id = "nan", Vector = new float[] { float.NaN, 0, 0 } }]));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Backoff_doubles_from_the_base_delay()
    {
        var delays = Enumerable.Range(0, 4).Select(a => QdrantTransport.BackoffDelay(TimeSpan.FromMilliseconds(50), a));

        Assert.Equal([50, 100, 200, 400], delays.Select(d => d.TotalMilliseconds));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

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
