using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Google.Protobuf.Collections;
using Microsoft.Extensions.AI;

namespace AgentRec.Connectors.Qdrant;

/// <summary>
/// A Qdrant collection of <see cref="ItemVectorRecord"/>s over Qdrant's gRPC API (the official <see cref="QdrantClient"/>):
/// cosine vectors of a fixed width, payload <c>{key, domain, genres, year}</c> with keyword/integer indexes, point ids
/// derived from the keys (<see cref="QdrantPointId"/>). Filters are the shapes <see cref="QdrantFilterTranslator"/> understands.
/// </summary>
public sealed class QdrantVectorCollection : ItemVectorCollection
{
    private static readonly (string Field, PayloadSchemaType Schema)[] PayloadIndexes =
    [
        (QdrantFilterTranslator.DomainField, PayloadSchemaType.Keyword),
        (QdrantFilterTranslator.GenresField, PayloadSchemaType.Keyword),
        (QdrantFilterTranslator.YearField, PayloadSchemaType.Integer),
        (QdrantFilterTranslator.KeyField, PayloadSchemaType.Keyword),
    ];

    private readonly QdrantClient _client;
    private readonly QdrantCalls _calls;
    private readonly int _upsertBatchSize;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;

    internal QdrantVectorCollection(QdrantClient client, QdrantCalls calls, string name, int dimensions, int upsertBatchSize, IEmbeddingGenerator<string, Embedding<float>>? generator)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _client = client;
        _calls = calls;
        Name = name;
        Dimensions = dimensions;
        _upsertBatchSize = upsertBatchSize;
        _generator = generator;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>Width of the vectors.</summary>
    public int Dimensions { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) =>
        _calls.RunAsync(ct => _client.CollectionExistsAsync(Name, ct), "collection_exists", null, idempotent: true, cancellationToken);

    /// <summary>Creates the collection (cosine distance) with payload indexes on domain, genres, year and key when it is missing.</summary>
    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        if (!await CollectionExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            // Only the vectors are given: shards, replication and the rest keep the server's (or cluster's) defaults.
            var create = new CreateCollection
            {
                CollectionName = Name,
                VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = (ulong)Dimensions, Distance = Distance.Cosine } },
            };
            try
            {
                await _calls.RunAsync(ct => CompletedAsync(_client.CreateCollectionAsync(create, ct)), "create_collection", null, idempotent: false, cancellationToken).ConfigureAwait(false);
            }
            catch (VectorStoreException e) when (e.InnerException is Grpc.Core.RpcException rpc && IsAlreadyExists(rpc))
            {
                // Created concurrently by another instance: what we wanted.
            }
        }

        foreach (var (field, schema) in PayloadIndexes)
        {
            await _calls.RunAsync(
                ct => _client.CreatePayloadIndexAsync(Name, field, schema, wait: true, cancellationToken: ct), "create_payload_index", Name, idempotent: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the collection; a collection that is not there is what was asked for.</summary>
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        _calls.RunAsync(DeleteIfPresentAsync, "delete_collection", null, idempotent: true, cancellationToken);

    private async Task<bool> DeleteIfPresentAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteCollectionAsync(Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (QdrantException)
        {
            // The server answered "false": there was no such collection.
            return false;
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Number of points (exact count).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        (long)await _calls.RunAsync(ct => _client.CountAsync(Name, exact: true, cancellationToken: ct), "count", Name, idempotent: true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async Task<ItemVectorRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await foreach (var record in GetAsync([key], options, cancellationToken).ConfigureAwait(false))
        {
            return record;
        }

        return null;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ItemVectorRecord> GetAsync(
        IEnumerable<string> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        if (list.Count == 0)
        {
            yield break;
        }

        var ids = list.Select(k => (PointId)QdrantPointId.FromKey(k)).ToList();
        var withVectors = options?.IncludeVectors ?? false;
        var points = await _calls.RunAsync(
            ct => _client.RetrieveAsync(Name, ids, withPayload: true, withVectors: withVectors, cancellationToken: ct), "get", Name, idempotent: true, cancellationToken).ConfigureAwait(false);
        var byKey = new Dictionary<string, ItemVectorRecord>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            var record = ToRecord(point.Id, point.Payload, point.Vectors);
            byKey[record.Id] = record;
        }

        foreach (var key in list)
        {
            if (byKey.TryGetValue(key, out var record))
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    protected override string FilteredGetOrderByUnsupported => "QdrantVectorCollection does not support OrderBy on filtered gets.";

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ItemVectorRecord> GetFilteredAsync(
        Expression<Func<ItemVectorRecord, bool>> filter, int top, int skip, bool includeVectors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var translated = QdrantFilterTranslator.Translate(filter);
        var response = await _calls.RunAsync(
            ct => _client.ScrollAsync(Name, translated, (uint)(top + skip), payloadSelector: true, vectorsSelector: includeVectors, cancellationToken: ct),
            "scroll", Name, idempotent: true, cancellationToken).ConfigureAwait(false);
        foreach (var point in response.Result.Skip(skip))
        {
            yield return ToRecord(point.Id, point.Payload, point.Vectors);
        }
    }

    /// <inheritdoc />
    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return DeleteAsync([key], cancellationToken);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Select(QdrantPointId.FromKey).ToList();
        if (ids.Count > 0)
        {
            await _calls.RunAsync(ct => _client.DeleteAsync(Name, ids, wait: true, cancellationToken: ct), "delete", Name, idempotent: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task UpsertAsync(ItemVectorRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <summary>
    /// Inserts or replaces every record. Every key and vector width is checked before anything is sent, so a bad record
    /// writes nothing; the points then go in batches of <see cref="QdrantOptions.UpsertBatchSize"/>, each acknowledged
    /// once Qdrant has applied it (<c>wait</c>). A failure throws; the batches before it stay written, and upserting the
    /// same records again is safe (same keys, same points).
    /// </summary>
    public override async Task UpsertAsync(IEnumerable<ItemVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyList<ItemVectorRecord> ?? [.. records];
        ItemVectorArguments.CheckRecords(list, Name, Dimensions, requireFinite: true, nameof(records));

        for (var start = 0; start < list.Count; start += _upsertBatchSize)
        {
            var points = new List<PointStruct>(Math.Min(_upsertBatchSize, list.Count - start));
            for (var i = start; i < Math.Min(list.Count, start + _upsertBatchSize); i++)
            {
                points.Add(ToPoint(list[i]));
            }

            await _calls.RunAsync(ct => _client.UpsertAsync(Name, points, wait: true, cancellationToken: ct), "upsert", Name, idempotent: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<VectorSearchResult<ItemVectorRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<ItemVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var query = await ItemVectorArguments.QueryVectorAsync(searchValue, Name, _generator, cancellationToken).ConfigureAwait(false);
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions; collection '{Name}' holds {Dimensions}-dimensional vectors.", nameof(searchValue));
        }

        if (!ItemVectorArguments.AllFinite(query.Span))
        {
            throw new ArgumentException("The query vector has a NaN or infinite component.", nameof(searchValue));
        }

        var request = SearchRequest(Name, query.Span, top, options);
        var hits = await _calls.RunAsync(
            ct => _client.QueryAsync(
                Name, request.Query, filter: request.Filter, scoreThreshold: request.HasScoreThreshold ? request.ScoreThreshold : null, limit: request.Limit,
                offset: request.Offset, payloadSelector: request.WithPayload, vectorsSelector: request.WithVectors, cancellationToken: ct),
            "search", Name, idempotent: true, cancellationToken).ConfigureAwait(false);
        foreach (var point in hits)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new VectorSearchResult<ItemVectorRecord>(ToRecord(point.Id, point.Payload, point.Vectors), point.Score);
        }
    }

    /// <summary>The <c>Points/Query</c> request of a search (exposed for tests of the wire format).</summary>
    internal static QueryPoints SearchRequest(string collection, ReadOnlySpan<float> query, int top, VectorSearchOptions<ItemVectorRecord>? options)
    {
        var dense = new DenseVector();
        dense.Data.Add(query.ToArray());
        var request = new QueryPoints
        {
            CollectionName = collection,
            Query = new Query { Nearest = new VectorInput { Dense = dense } },
            Limit = (ulong)top,
            WithPayload = new WithPayloadSelector { Enable = true },
            WithVectors = new WithVectorsSelector { Enable = options?.IncludeVectors ?? false },
        };
        if (options?.Skip is > 0 and var skip)
        {
            request.Offset = (ulong)skip;
        }

        if (options?.Filter is { } filter && QdrantFilterTranslator.Translate(filter) is { } translated)
        {
            request.Filter = translated;
        }

        if (options?.ScoreThreshold is { } threshold)
        {
            request.ScoreThreshold = (float)threshold;
        }

        return request;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private static async Task<bool> CompletedAsync(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }

    private static bool IsAlreadyExists(Grpc.Core.RpcException e) =>
        e.StatusCode == Grpc.Core.StatusCode.AlreadyExists || e.Status.Detail.Contains("already exists", StringComparison.OrdinalIgnoreCase);

    private static PointStruct ToPoint(ItemVectorRecord record)
    {
        var genres = new ListValue();
        foreach (var g in record.Genres)
        {
            genres.Values.Add(new Value { StringValue = g });
        }

        var point = new PointStruct
        {
            Id = QdrantPointId.FromKey(record.Id),
            Vectors = record.Vector.ToArray(),
            Payload =
            {
                [QdrantFilterTranslator.KeyField] = new Value { StringValue = record.Id },
                [QdrantFilterTranslator.DomainField] = new Value { StringValue = record.Domain },
                [QdrantFilterTranslator.GenresField] = new Value { ListValue = genres },
            },
        };
        if (record.Year is { } year)
        {
            point.Payload[QdrantFilterTranslator.YearField] = new Value { IntegerValue = year };
        }

        return point;
    }

    private ItemVectorRecord ToRecord(PointId id, MapField<string, Value> payload, VectorsOutput? vectors)
    {
        if (!payload.TryGetValue(QdrantFilterTranslator.KeyField, out var key) || key.KindCase != Value.KindOneofCase.StringValue)
        {
            throw new VectorStoreException($"Point {id} of collection '{Name}' has no '{QdrantFilterTranslator.KeyField}' in its payload; it was not written by AgentRec.");
        }

        var record = new ItemVectorRecord
        {
            Id = key.StringValue,
            Domain = payload.TryGetValue(QdrantFilterTranslator.DomainField, out var domain) && domain.KindCase == Value.KindOneofCase.StringValue ? domain.StringValue : string.Empty,
            Year = payload.TryGetValue(QdrantFilterTranslator.YearField, out var year) && year.KindCase == Value.KindOneofCase.IntegerValue ? (int)year.IntegerValue : null,
            Genres = payload.TryGetValue(QdrantFilterTranslator.GenresField, out var genres) && genres.KindCase == Value.KindOneofCase.ListValue
                ? [.. genres.ListValue.Values.Select(v => v.StringValue)]
                : [],
        };
        if (vectors?.Vector is { } vector)
        {
            record.Vector = DenseValues(vector);
        }

        return record;
    }

    /// <summary>The dense values whichever field the server filled (newer servers: dense; older ones: the flat data field).</summary>
    private static float[] DenseValues(VectorOutput vector) => vector.GetDenseVector() is { } dense ? [.. dense.Data] : [];
}
