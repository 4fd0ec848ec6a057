using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;
using Range = Qdrant.Client.Grpc.Range;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>
/// An in-process Qdrant gRPC server: a <see cref="CallInvoker"/> that answers the calls the AgentRec connector makes
/// (health check; collections: create, exists, delete, list; points: upsert, get, delete, count, scroll, query with
/// filters; payload indexes) from memory, with Qdrant's status codes and error texts for unknown collections, wrong
/// vector widths and malformed requests. Every request and answer is encoded to protobuf's wire format and parsed back, as
/// on a channel. Faults can be queued: refused connections, failures with a status code, and answers held back (a call
/// held past its deadline fails with DeadlineExceeded; held writes are still applied, as a real server would).
/// </summary>
public sealed class FakeQdrantGrpcServer : CallInvoker
{
    private readonly Dictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly Queue<Fault> _faults = new();
    private readonly object _gate = new();
    private long _operationId;
    private long _busyTicks;

    /// <summary>When set, calls without this <c>api-key</c> header fail with Unauthenticated.</summary>
    public string? RequiredApiKey { get; init; }

    /// <summary>Every call received (method full name and the request as the server decoded it), in order.</summary>
    public List<(string Method, IMessage Request)> Calls { get; } = [];

    /// <summary>The next <paramref name="count"/> calls fail as if nothing listened on the port.</summary>
    public void RefuseNext(int count) => Enqueue(count, new Fault(StatusCode.Unavailable, "failed to connect to all addresses; Connection refused", TimeSpan.Zero));

    /// <summary>The next <paramref name="count"/> calls fail with <paramref name="code"/> before being looked at.</summary>
    public void FailNext(int count, StatusCode code) => Enqueue(count, new Fault(code, "Service internal error: simulated failure", TimeSpan.Zero));

    /// <summary>The next <paramref name="count"/> calls are answered normally (to place a later fault).</summary>
    public void AnswerNext(int count) => Enqueue(count, new Fault(null, null, TimeSpan.Zero));

    /// <summary>The next <paramref name="count"/> calls are answered only after <paramref name="delay"/>.</summary>
    public void DelayNext(int count, TimeSpan delay) => Enqueue(count, new Fault(null, null, delay));

    /// <summary>Time spent on the server's side of the calls: decoding requests, answering them, encoding the answers.</summary>
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

    /// <summary>Point ids held by <paramref name="collection"/>, or null when it does not exist.</summary>
    public IReadOnlyCollection<string>? PointIds(string collection)
    {
        lock (_gate)
        {
            return _collections.TryGetValue(collection, out var c) ? [.. c.Points.Keys] : null;
        }
    }

    /// <inheritdoc />
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var response = AnswerAsync(method, options, request);
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    /// <inheritdoc />
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        AnswerAsync(method, options, request).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, $"{method.FullName} is not served by the fake"));

    /// <inheritdoc />
    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, $"{method.FullName} is not served by the fake"));

    /// <inheritdoc />
    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, $"{method.FullName} is not served by the fake"));

    private void Enqueue(int count, Fault fault)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(fault);
            }
        }
    }

    private async Task<TResponse> AnswerAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
        where TRequest : class
        where TResponse : class
    {
        await Task.Yield();
        options.CancellationToken.ThrowIfCancellationRequested();
        // The caller's side encodes the request; the server's side decodes it, answers and encodes the answer.
        var sent = ((IMessage)request).ToByteArray();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var decoded = ((IMessage)request).Descriptor.Parser.ParseFrom(sent);
        Fault? fault;
        lock (_gate)
        {
            Calls.Add((method.FullName, decoded));
            _faults.TryDequeue(out fault);
        }

        if (fault is { Code: { } code })
        {
            throw new RpcException(new Status(code, fault.Detail!));
        }

        if (RequiredApiKey is not null && options.Headers?.GetValue("api-key") != RequiredApiKey)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Must provide an API key or an Authorization bearer token"));
        }

        IMessage answer;
        byte[] encoded;
        lock (_gate)
        {
            answer = Route(method.FullName, decoded);
            encoded = answer.ToByteArray();
            _busyTicks += System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks;
        }

        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            var left = options.Deadline is { } deadline && deadline != DateTime.MaxValue ? deadline - DateTime.UtcNow : Timeout.InfiniteTimeSpan;
            if (left != Timeout.InfiniteTimeSpan && left < delay)
            {
                await Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, options.CancellationToken);
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            }

            await Task.Delay(delay, options.CancellationToken);
        }

        return (TResponse)answer.Descriptor.Parser.ParseFrom(encoded);
    }

    private IMessage Route(string method, IMessage request) => (method, request) switch
    {
        ("/qdrant.Qdrant/HealthCheck", HealthCheckRequest) => new HealthCheckReply { Title = "qdrant - vector search engine (fake)", Version = "1.12.4" },
        ("/qdrant.Collections/CollectionExists", CollectionExistsRequest r) =>
            new CollectionExistsResponse { Result = new CollectionExists { Exists = _collections.ContainsKey(r.CollectionName) } },
        ("/qdrant.Collections/Create", CreateCollection r) => Create(r),
        ("/qdrant.Collections/Delete", DeleteCollection r) => new CollectionOperationResponse { Result = _collections.Remove(r.CollectionName) },
        ("/qdrant.Collections/List", ListCollectionsRequest) => List(),
        ("/qdrant.Points/CreateFieldIndex", CreateFieldIndexCollection r) => CreateIndex(r),
        ("/qdrant.Points/Upsert", UpsertPoints r) => Upsert(r),
        ("/qdrant.Points/Get", GetPoints r) => Get(r),
        ("/qdrant.Points/Delete", DeletePoints r) => Delete(r),
        ("/qdrant.Points/Count", CountPoints r) => new CountResponse { Result = new CountResult { Count = (ulong)Find(r.CollectionName).Points.Values.Count(p => Matches(r.Filter, p.Payload)) } },
        ("/qdrant.Points/Scroll", ScrollPoints r) => Scroll(r),
        ("/qdrant.Points/Query", QueryPoints r) => Query(r),
        _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"{method} is not served by the fake")),
    };

    private CollectionOperationResponse Create(CreateCollection r)
    {
        if (string.IsNullOrEmpty(r.CollectionName))
        {
            throw Invalid("Validation error in body: collection_name: length is less than 1");
        }

        if (_collections.ContainsKey(r.CollectionName))
        {
            throw Invalid($"Wrong input: Collection `{r.CollectionName}` already exists!");
        }

        if (r.VectorsConfig?.Params is not { Size: > 0 } vectors)
        {
            throw Invalid("Wrong input: the fake serves single unnamed dense vectors of a positive size only");
        }

        if (vectors.Distance != Distance.Cosine)
        {
            throw Invalid($"Wrong input: the fake scores Cosine only (got {vectors.Distance})");
        }

        _collections[r.CollectionName] = new Collection((int)vectors.Size);
        return new CollectionOperationResponse { Result = true };
    }

    private ListCollectionsResponse List()
    {
        var response = new ListCollectionsResponse();
        response.Collections.Add(_collections.Keys.Select(n => new CollectionDescription { Name = n }));
        return response;
    }

    private PointsOperationResponse CreateIndex(CreateFieldIndexCollection r)
    {
        if (!r.HasFieldType || r.FieldType is not (FieldType.Keyword or FieldType.Integer))
        {
            throw Invalid($"Wrong input: the fake indexes keyword and integer fields only (field {r.FieldName})");
        }

        Find(r.CollectionName).Indexes[r.FieldName] = r.FieldType;
        return Completed();
    }

    private PointsOperationResponse Upsert(UpsertPoints r)
    {
        var c = Find(r.CollectionName);
        var rows = new List<(string Id, Stored Point)>(r.Points.Count);
        foreach (var p in r.Points)
        {
            var data = Dense(p.Vectors?.Vector) ?? throw Invalid("Wrong input: the fake stores single unnamed dense vectors only");
            if (data.Length != c.Size)
            {
                throw Invalid($"Wrong input: Vector dimension error: expected dim: {c.Size}, got {data.Length}");
            }

            var id = IdText(p.Id);
            rows.Add((id, new Stored(id, p.Id.Clone(), Normalised(data), p.Payload.Clone())));
        }

        // All or nothing, as one Qdrant update operation.
        foreach (var (id, point) in rows)
        {
            c.Points[id] = point;
        }

        return Completed();
    }

    private GetResponse Get(GetPoints r)
    {
        var c = Find(r.CollectionName);
        var response = new GetResponse();
        foreach (var id in r.Ids)
        {
            if (c.Points.TryGetValue(IdText(id), out var p))
            {
                var point = new RetrievedPoint { Id = p.Id.Clone(), Vectors = WithVectors(r.WithVectors, p.Vector) };
                AddPayload(point.Payload, r.WithPayload, p.Payload);
                response.Result.Add(point);
            }
        }

        return response;
    }

    private PointsOperationResponse Delete(DeletePoints r)
    {
        var c = Find(r.CollectionName);
        if (r.Points?.PointsSelectorOneOfCase != PointsSelector.PointsSelectorOneOfOneofCase.Points)
        {
            throw Invalid("Wrong input: the fake deletes by id list only");
        }

        foreach (var id in r.Points.Points.Ids)
        {
            c.Points.Remove(IdText(id));
        }

        return Completed();
    }

    private ScrollResponse Scroll(ScrollPoints r)
    {
        var c = Find(r.CollectionName);
        var limit = r.HasLimit ? (int)r.Limit : 10;
        var ordered = c.Points.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SkipWhile(kv => r.Offset is not null && string.CompareOrdinal(kv.Key, IdText(r.Offset)) < 0)
            .Where(kv => Matches(r.Filter, kv.Value.Payload))
            .Take(limit + 1)
            .ToList();
        var response = new ScrollResponse();
        foreach (var (_, p) in ordered.Take(limit))
        {
            var point = new RetrievedPoint { Id = p.Id.Clone(), Vectors = WithVectors(r.WithVectors, p.Vector) };
            AddPayload(point.Payload, r.WithPayload, p.Payload);
            response.Result.Add(point);
        }

        if (ordered.Count > limit)
        {
            response.NextPageOffset = ordered[limit].Value.Id.Clone();
        }

        return response;
    }

    private QueryResponse Query(QueryPoints r)
    {
        var c = Find(r.CollectionName);
        if (r.Query?.Nearest is not { } nearest || Dense(nearest) is not { } query)
        {
            throw Invalid("Wrong input: the fake answers nearest-neighbour queries with one dense vector only");
        }

        if (query.Length != c.Size)
        {
            throw Invalid($"Wrong input: Vector dimension error: expected dim: {c.Size}, got {query.Length}");
        }

        var q = Normalised(query);
        var limit = r.HasLimit ? (int)r.Limit : 10;
        var hits = c.Points.Values
            .Where(p => Matches(r.Filter, p.Payload))
            .Select(p => (Point: p, Score: Dot(q, p.Vector)))
            .Where(h => !r.HasScoreThreshold || h.Score >= r.ScoreThreshold)
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Point.Key, StringComparer.Ordinal)
            .Skip(r.HasOffset ? (int)r.Offset : 0)
            .Take(limit);
        var response = new QueryResponse();
        foreach (var (p, score) in hits)
        {
            var point = new ScoredPoint { Id = p.Id.Clone(), Score = score, Version = 0, Vectors = WithVectors(r.WithVectors, p.Vector) };
            AddPayload(point.Payload, r.WithPayload, p.Payload);
            response.Result.Add(point);
        }

        return response;
    }

    private Collection Find(string name) =>
        _collections.TryGetValue(name, out var c) ? c : throw new RpcException(new Status(StatusCode.NotFound, $"Not found: Collection `{name}` doesn't exist!"));

    private PointsOperationResponse Completed() =>
        new() { Result = new UpdateResult { OperationId = (ulong)Interlocked.Increment(ref _operationId), Status = UpdateStatus.Completed } };

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    private static string IdText(PointId id) => id.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Uuid when Guid.TryParse(id.Uuid, out var g) => g.ToString("D"),
        PointId.PointIdOptionsOneofCase.Num => id.Num.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw Invalid($"Unable to parse UUID: {id.Uuid}"),
    };

#pragma warning disable CS0612, CS0618 // Older clients send the flat data field; the fake accepts both shapes.
    private static float[]? Dense(Vector? v) =>
        v is null ? null : v.VectorCase == Vector.VectorOneofCase.Dense ? [.. v.Dense.Data] : v.Data.Count > 0 ? [.. v.Data] : null;
#pragma warning restore CS0612, CS0618

    private static float[]? Dense(VectorInput v) => v.VariantCase == VectorInput.VariantOneofCase.Dense ? [.. v.Dense.Data] : null;

    private static VectorsOutput? WithVectors(WithVectorsSelector? selector, float[] vector)
    {
        if (selector is not { Enable: true })
        {
            return null;
        }

        var dense = new DenseVector();
        dense.Data.Add(vector);
        return new VectorsOutput { Vector = new VectorOutput { Dense = dense } };
    }

    private static void AddPayload(MapField<string, Value> target, WithPayloadSelector? selector, MapField<string, Value> payload)
    {
        if (selector is { Enable: true })
        {
            target.Add(payload.Clone());
        }
    }

    /// <summary>Qdrant normalises vectors of cosine collections on the way in and scores with the dot product.</summary>
    private static float[] Normalised(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm == 0 ? v : [.. v.Select(x => x / norm)];
    }

    private static float Dot(float[] a, float[] b)
    {
        var s = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static bool Matches(Filter? filter, MapField<string, Value> payload)
    {
        if (filter is null)
        {
            return true;
        }

        if (filter.MinShould is not null)
        {
            throw Invalid("Wrong input: the fake does not serve min_should");
        }

        return filter.Must.All(c => Matches(c, payload))
            && (filter.Should.Count == 0 || filter.Should.Any(c => Matches(c, payload)))
            && !filter.MustNot.Any(c => Matches(c, payload));
    }

    private static bool Matches(Condition condition, MapField<string, Value> payload) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, payload),
        Condition.ConditionOneOfOneofCase.Field => Matches(condition.Field, payload),
        _ => throw Invalid($"Wrong input: the fake does not serve {condition.ConditionOneOfCase} conditions"),
    };

    private static bool Matches(FieldCondition field, MapField<string, Value> payload)
    {
        if (field.Match is null && field.Range is null)
        {
            throw Invalid($"Wrong input: the fake serves match and range field conditions only (key {field.Key})");
        }

        if (!payload.TryGetValue(field.Key, out var value))
        {
            return false;
        }

        // An array payload matches when any of its elements does, as in Qdrant.
        if (value.KindCase != Value.KindOneofCase.ListValue)
        {
            return MatchesOne(field, value);
        }

        foreach (var element in value.ListValue.Values)
        {
            if (MatchesOne(field, element))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesOne(FieldCondition field, Value v) =>
        field.Match is { } match ? Matches(match, v)
        : v.KindCase is Value.KindOneofCase.IntegerValue or Value.KindOneofCase.DoubleValue && InRange(field.Range, Number(v));

    private static bool Matches(Match match, Value v) => match.MatchValueCase switch
    {
        Match.MatchValueOneofCase.Keyword => v.KindCase == Value.KindOneofCase.StringValue && v.StringValue == match.Keyword,
        Match.MatchValueOneofCase.Keywords => v.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(v.StringValue),
        Match.MatchValueOneofCase.Integer => v.KindCase == Value.KindOneofCase.IntegerValue && v.IntegerValue == match.Integer,
        Match.MatchValueOneofCase.Integers => v.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(v.IntegerValue),
        Match.MatchValueOneofCase.Boolean => v.KindCase == Value.KindOneofCase.BoolValue && v.BoolValue == match.Boolean,
        _ => throw Invalid($"Wrong input: the fake does not serve {match.MatchValueCase} matches"),
    };

    private static double Number(Value v) => v.KindCase == Value.KindOneofCase.IntegerValue ? v.IntegerValue : v.DoubleValue;

    private static bool InRange(Range r, double x) =>
        (!r.HasGt || x > r.Gt) && (!r.HasGte || x >= r.Gte) && (!r.HasLt || x < r.Lt) && (!r.HasLte || x <= r.Lte);

    private sealed record Fault(StatusCode? Code, string? Detail, TimeSpan Delay);

    private sealed record Stored(string Key, PointId Id, float[] Vector, MapField<string, Value> Payload);

    private sealed class Collection(int size)
    {
        public int Size { get; } = size;

        public Dictionary<string, Stored> Points { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, FieldType> Indexes { get; } = new(StringComparer.Ordinal);
    }
}
