using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>
/// The subset of Qdrant's REST API that the AgentRec client uses, served in memory: collections (create, exists,
/// delete, list, payload indexes), points (upsert, get, delete, count, scroll, search with filters), /readyz. Each
/// request body is checked against the shape Qdrant documents; malformed ones get 400 with Qdrant's error body
/// <c>{"status":{"error":"..."},"time":0}</c>, unknown collections 404. It is stricter than the server in one way:
/// fields Qdrant would silently ignore are rejected, so a misspelt field fails a test instead of being dropped.
/// Every request is recorded; failures can be queued to exercise retries.
/// </summary>
public sealed class RecordedQdrantHandler : HttpMessageHandler
{
    private static readonly string[] Distances = ["Cosine", "Euclid", "Dot", "Manhattan"];
    private static readonly string[] FieldSchemas = ["keyword", "integer", "float", "bool", "geo", "text", "datetime", "uuid"];
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly Queue<Func<HttpResponseMessage>> _failures = new();
    private readonly object _gate = new();
    private long _busyTicks;

    /// <summary>When set, requests without this <c>api-key</c> header get 401.</summary>
    public string? RequiredApiKey { get; init; }

    /// <summary>Every request received, in order.</summary>
    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/> (before being looked at).</summary>
    public void FailNext(int count, HttpStatusCode status)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(() => Error(status, "Service internal error: simulated failure"));
        }
    }

    /// <summary>The next <paramref name="count"/> requests fail as if the connection were refused.</summary>
    public void RefuseNext(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(() => throw new HttpRequestException("Connection refused (localhost:6333)", null, null));
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_gate)
        {
            try
            {
                return Answer(request, body);
            }
            finally
            {
                _busyTicks += System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks;
            }
        }
    }

    /// <summary>Time spent on the server's side of the calls: parsing requests, answering them, writing the answers.</summary>
    public TimeSpan Busy
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_busyTicks);
            }
        }
    }

    private HttpResponseMessage Answer(HttpRequestMessage request, string? body)
    {
        {
            Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, body));
            if (_failures.TryDequeue(out var failure))
            {
                return failure();
            }

            if (RequiredApiKey is not null && (!request.Headers.TryGetValues("api-key", out var keys) || !keys.Contains(RequiredApiKey)))
            {
                return Error(HttpStatusCode.Unauthorized, "Must provide an API key or an Authorization bearer token");
            }

            try
            {
                return Route(request.Method.Method, request.RequestUri!.AbsolutePath.Trim('/').Split('/'), body);
            }
            catch (BadRequest e)
            {
                return Error(HttpStatusCode.BadRequest, e.Message);
            }
        }
    }

    private HttpResponseMessage Route(string method, string[] path, string? body)
    {
        switch (method, path)
        {
            case ("GET", ["readyz"]):
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("all shards are ready") };
            case ("GET", ["collections"]):
                return Ok(new JsonObject { ["collections"] = new JsonArray([.. _collections.Keys.Select(n => (JsonNode)new JsonObject { ["name"] = n })]) });
            case ("GET", ["collections", var name, "exists"]):
                return Ok(new JsonObject { ["exists"] = _collections.ContainsKey(Unescape(name)) });
            case ("PUT", ["collections", var name]):
                return CreateCollection(Unescape(name), Parse(body));
            case ("DELETE", ["collections", var name]):
                return Ok(_collections.Remove(Unescape(name)));
        }

        if (path is ["collections", var collectionName, ..])
        {
            var name = Unescape(collectionName);
            if (!_collections.TryGetValue(name, out var collection))
            {
                return Error(HttpStatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!");
            }

            switch (method, path[2..])
            {
                case ("PUT", ["index"]):
                    return CreateIndex(collection, Parse(body));
                case ("PUT", ["points"]):
                    return Upsert(collection, Parse(body));
                case ("POST", ["points"]):
                    return GetPoints(collection, Parse(body));
                case ("POST", ["points", "delete"]):
                    return Delete(collection, Parse(body));
                case ("POST", ["points", "count"]):
                    return Count(collection, Parse(body));
                case ("POST", ["points", "scroll"]):
                    return Scroll(collection, Parse(body));
                case ("POST", ["points", "search"]):
                    return Search(collection, Parse(body));
            }
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent(string.Empty) };
    }

    private HttpResponseMessage CreateCollection(string name, JsonObject body)
    {
        Fields(body, ["vectors"], ["vectors", "shard_number", "replication_factor", "on_disk_payload"]);
        var vectors = Object(body, "vectors");
        Fields(vectors, ["size", "distance"], ["size", "distance", "on_disk"]);
        var size = UnsignedInt(vectors["size"], "size");
        var distance = String(vectors["distance"], "distance");
        if (!Distances.Contains(distance))
        {
            throw new BadRequest($"Format error in JSON body: unknown variant `{distance}`, expected one of `Cosine`, `Euclid`, `Dot`, `Manhattan`");
        }

        if (size == 0)
        {
            throw new BadRequest("Validation error in JSON body: [vectors.size: value 0 invalid, must be 1 or larger]");
        }

        if (_collections.ContainsKey(name))
        {
            throw new BadRequest($"Wrong input: Collection `{name}` already exists!");
        }

        _collections[name] = new Collection((int)size, distance);
        return Ok(true);
    }

    private static HttpResponseMessage CreateIndex(Collection collection, JsonObject body)
    {
        Fields(body, ["field_name"], ["field_name", "field_schema"]);
        var field = String(body["field_name"], "field_name");
        var schema = String(body["field_schema"], "field_schema");
        if (!FieldSchemas.Contains(schema))
        {
            throw new BadRequest($"Format error in JSON body: data did not match any variant of untagged enum PayloadFieldSchema");
        }

        collection.Indexes[field] = schema;
        return Ok(new JsonObject { ["operation_id"] = 0, ["status"] = "completed" });
    }

    private static HttpResponseMessage Upsert(Collection collection, JsonObject body)
    {
        Fields(body, ["points"], ["points"]);
        var points = Array(body, "points");
        var parsed = new List<(string Id, float[] Vector, JsonObject Payload)>();
        foreach (var node in points)
        {
            var point = node as JsonObject ?? throw new BadRequest("Format error in JSON body: invalid type: expected struct PointStruct");
            Fields(point, ["id", "vector"], ["id", "vector", "payload"]);
            var id = PointId(point["id"]);
            var vector = Floats(point["vector"], "vector");
            if (vector.Length != collection.Size)
            {
                throw new BadRequest($"Wrong input: Vector dimension error: expected dim: {collection.Size}, got {vector.Length}");
            }

            var payload = point["payload"] switch
            {
                null => new JsonObject(),
                JsonObject o => (JsonObject)o.DeepClone(),
                _ => throw new BadRequest("Format error in JSON body: invalid type: expected a map for `payload`"),
            };
            parsed.Add((id, vector, payload));
        }

        // Validated as a whole first: a bad point writes nothing.
        foreach (var (id, vector, payload) in parsed)
        {
            collection.Points[id] = new Point(id, collection.Distance == "Cosine" ? Normalize(vector) : vector, payload);
        }

        return Ok(new JsonObject { ["operation_id"] = 0, ["status"] = "completed" });
    }

    private static HttpResponseMessage GetPoints(Collection collection, JsonObject body)
    {
        Fields(body, ["ids"], ["ids", "with_payload", "with_vector"]);
        var ids = Array(body, "ids").Select(PointId).ToList();
        var (withPayload, withVector) = With(body);
        return Ok(new JsonArray([.. ids.Where(collection.Points.ContainsKey).Select(id => (JsonNode)Render(collection.Points[id], null, withPayload, withVector))]));
    }

    private static HttpResponseMessage Delete(Collection collection, JsonObject body)
    {
        Fields(body, ["points"], ["points"]);
        foreach (var id in Array(body, "points").Select(PointId))
        {
            collection.Points.Remove(id);
        }

        return Ok(new JsonObject { ["operation_id"] = 0, ["status"] = "completed" });
    }

    private static HttpResponseMessage Count(Collection collection, JsonObject body)
    {
        Fields(body, [], ["exact", "filter"]);
        var filter = body["filter"] is { } f ? ParseFilter(f) : null;
        return Ok(new JsonObject { ["count"] = collection.Points.Values.Count(p => filter?.Invoke(p.Payload) ?? true) });
    }

    private static HttpResponseMessage Scroll(Collection collection, JsonObject body)
    {
        Fields(body, [], ["filter", "limit", "offset", "with_payload", "with_vector"]);
        var filter = body["filter"] is { } f ? ParseFilter(f) : null;
        var limit = body["limit"] is { } l ? (int)UnsignedInt(l, "limit") : 10;
        var (withPayload, withVector) = With(body);
        var points = collection.Points.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Where(p => filter?.Invoke(p.Payload) ?? true).Take(limit);
        return Ok(new JsonObject
        {
            ["points"] = new JsonArray([.. points.Select(p => (JsonNode)Render(p, null, withPayload, withVector))]),
            ["next_page_offset"] = null,
        });
    }

    private static HttpResponseMessage Search(Collection collection, JsonObject body)
    {
        Fields(body, ["vector", "limit"], ["vector", "limit", "offset", "filter", "with_payload", "with_vector", "score_threshold", "params"]);
        var query = Floats(body["vector"], "vector");
        if (query.Length != collection.Size)
        {
            throw new BadRequest($"Wrong input: Vector dimension error: expected dim: {collection.Size}, got {query.Length}");
        }

        var limit = (int)UnsignedInt(body["limit"], "limit");
        var offset = body["offset"] is { } o ? (int)UnsignedInt(o, "offset") : 0;
        var threshold = body["score_threshold"] is { } t ? Number(t, "score_threshold") : double.NegativeInfinity;
        var filter = body["filter"] is { } f ? ParseFilter(f) : null;
        var (withPayload, withVector) = With(body);
        var q = collection.Distance == "Cosine" ? Normalize(query) : query;
        var hits = collection.Points.Values
            .Where(p => filter?.Invoke(p.Payload) ?? true)
            .Select(p => (Point: p, Score: Dot(q, p.Vector)))
            .Where(h => h.Score >= threshold)
            .OrderByDescending(h => h.Score).ThenBy(h => h.Point.Id, StringComparer.Ordinal)
            .Skip(offset).Take(limit);
        return Ok(new JsonArray([.. hits.Select(h => (JsonNode)Render(h.Point, h.Score, withPayload, withVector))]));
    }

    /// <summary>A filter: <c>must</c> (all), <c>should</c> (at least one when present), <c>must_not</c> (none).</summary>
    private static Func<JsonObject, bool> ParseFilter(JsonNode node)
    {
        var filter = node as JsonObject ?? throw new BadRequest("Format error in JSON body: invalid type: expected struct Filter");
        Fields(filter, [], ["must", "should", "must_not", "min_should"]);
        var must = Clauses(filter["must"]);
        var should = Clauses(filter["should"]);
        var mustNot = Clauses(filter["must_not"]);
        return payload => must.All(c => c(payload)) && (should.Count == 0 || should.Any(c => c(payload))) && !mustNot.Any(c => c(payload));
    }

    private static List<Func<JsonObject, bool>> Clauses(JsonNode? node) => node switch
    {
        null => [],
        JsonArray a => [.. a.Select(Condition)],
        JsonObject o => [Condition(o)],
        _ => throw new BadRequest("Format error in JSON body: data did not match any variant of untagged enum OneOrMany"),
    };

    private static Func<JsonObject, bool> Condition(JsonNode? node)
    {
        var c = node as JsonObject ?? throw UntaggedCondition();
        if (c.ContainsKey("must") || c.ContainsKey("should") || c.ContainsKey("must_not"))
        {
            return ParseFilter(c);
        }

        if (!c.ContainsKey("key") || c.Any(kv => kv.Key is not ("key" or "match" or "range")) || c.ContainsKey("match") == c.ContainsKey("range"))
        {
            throw UntaggedCondition();
        }

        var key = c["key"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : throw UntaggedCondition();
        if (c["match"] is { } match)
        {
            var m = match as JsonObject ?? throw UntaggedCondition();
            if (m.Count != 1)
            {
                throw UntaggedCondition();
            }

            switch (m.First().Key)
            {
                case "value":
                    var value = Scalar(m["value"]);
                    return p => Values(p, key).Any(v => v == value);
                case "any":
                    var any = (m["any"] as JsonArray ?? throw UntaggedCondition()).Select(Scalar).ToHashSet();
                    return p => Values(p, key).Any(any.Contains);
                case "except":
                    var except = (m["except"] as JsonArray ?? throw UntaggedCondition()).Select(Scalar).ToHashSet();
                    return p => Values(p, key).Any(v => !except.Contains(v));
                default:
                    throw UntaggedCondition();
            }
        }

        var range = c["range"] as JsonObject ?? throw UntaggedCondition();
        if (range.Count == 0 || range.Any(kv => kv.Key is not ("gt" or "gte" or "lt" or "lte") || kv.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number))
        {
            throw UntaggedCondition();
        }

        var bounds = range.ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>());
        return p => Values(p, key).Any(v => double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
            && (!bounds.TryGetValue("gt", out var gt) || x > gt) && (!bounds.TryGetValue("gte", out var gte) || x >= gte)
            && (!bounds.TryGetValue("lt", out var lt) || x < lt) && (!bounds.TryGetValue("lte", out var lte) || x <= lte));
    }

    /// <summary>A payload field's values (an array's elements, or the one scalar), as their JSON text.</summary>
    private static IEnumerable<string> Values(JsonObject payload, string key) => payload[key] switch
    {
        null => [],
        JsonArray a => a.Where(x => x is JsonValue).Select(x => x!.ToJsonString()),
        JsonValue v => [v.ToJsonString()],
        _ => [],
    };

    private static string Scalar(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? v.ToJsonString()
            : throw UntaggedCondition();

    private static BadRequest UntaggedCondition() => new("Format error in JSON body: data did not match any variant of untagged enum Condition");

    private static JsonObject Render(Point p, double? score, bool withPayload, bool withVector)
    {
        var o = new JsonObject { ["id"] = p.Id, ["version"] = 0 };
        if (score is { } s)
        {
            o["score"] = s;
        }

        o["payload"] = withPayload ? p.Payload.DeepClone() : null;
        o["vector"] = withVector ? new JsonArray([.. p.Vector.Select(x => (JsonNode)x)]) : null;
        return o;
    }

    private static (bool Payload, bool Vector) With(JsonObject body) =>
        (body["with_payload"] is { } wp ? Bool(wp, "with_payload") : false, body["with_vector"] is { } wv ? Bool(wv, "with_vector") : false);

    private static string PointId(JsonNode? node)
    {
        if (node is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var g))
            {
                return g.ToString("D");
            }

            if (v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<ulong>(out var n))
            {
                return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new BadRequest($"Format error in JSON body: value {node?.ToJsonString() ?? "null"} is not a valid point ID, valid values are either an unsigned integer or a UUID");
    }

    private static float[] Floats(JsonNode? node, string field)
    {
        var array = node as JsonArray ?? throw new BadRequest($"Format error in JSON body: invalid type for `{field}`: expected a sequence of floats");
        return [.. array.Select(x => (float)Number(x, field))];
    }

    private static double Number(JsonNode? node, string field) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : throw new BadRequest($"Format error in JSON body: invalid type for `{field}`: expected a number");

    private static ulong UnsignedInt(JsonNode? node, string field) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<ulong>(out var n) ? n : throw new BadRequest($"Format error in JSON body: invalid type for `{field}`: expected usize");

    private static string String(JsonNode? node, string field) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new BadRequest($"Format error in JSON body: invalid type for `{field}`: expected a string");

    private static bool Bool(JsonNode node, string field) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : throw new BadRequest($"Format error in JSON body: invalid type for `{field}`: expected a boolean");

    private static JsonObject Object(JsonObject body, string field) =>
        body[field] as JsonObject ?? throw new BadRequest($"Format error in JSON body: invalid type for `{field}`: expected a map");

    private static JsonArray Array(JsonObject body, string field) =>
        body[field] as JsonArray ?? throw new BadRequest($"Format error in JSON body: invalid type for `{field}`: expected a sequence");

    private static void Fields(JsonObject body, string[] required, string[] known)
    {
        foreach (var r in required)
        {
            if (!body.ContainsKey(r))
            {
                throw new BadRequest($"Format error in JSON body: missing field `{r}`");
            }
        }

        foreach (var (name, _) in body)
        {
            if (!known.Contains(name))
            {
                throw new BadRequest($"Format error in JSON body: unknown field `{name}`, expected one of {string.Join(", ", known.Select(k => $"`{k}`"))}");
            }
        }
    }

    private static JsonObject Parse(string? body)
    {
        try
        {
            return JsonNode.Parse(body ?? string.Empty) as JsonObject ?? throw new BadRequest("Format error in JSON body: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new BadRequest($"Format error in JSON body: {e.Message}");
        }
    }

    private static string Unescape(string segment) => Uri.UnescapeDataString(segment);

    private static float[] Normalize(float[] v)
    {
        var n = MathF.Sqrt(v.Sum(x => x * x));
        return n == 0 ? v : [.. v.Select(x => x / n)];
    }

    private static double Dot(float[] a, float[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static HttpResponseMessage Ok(JsonNode? result) => Json(HttpStatusCode.OK, new JsonObject { ["result"] = result, ["status"] = "ok", ["time"] = 0.0 });

    private static HttpResponseMessage Error(HttpStatusCode status, string message) =>
        Json(status, new JsonObject { ["status"] = new JsonObject { ["error"] = message }, ["time"] = 0.0 });

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    /// <summary>One request as it arrived: method, path with query, JSON body.</summary>
    public sealed record RecordedRequest(string Method, string PathAndQuery, string? Body);

    private sealed record Point(string Id, float[] Vector, JsonObject Payload);

    private sealed class Collection(int size, string distance)
    {
        public int Size { get; } = size;

        public string Distance { get; } = distance;

        public Dictionary<string, string> Indexes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Point> Points { get; } = new(StringComparer.Ordinal);
    }

    private sealed class BadRequest(string message) : Exception(message);
}
