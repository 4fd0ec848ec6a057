using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using AgentRec.Core.Retrieval.Stores;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval.Qdrant;

/// <summary>
/// A Qdrant collection of <see cref="ItemVectorRecord"/>s over Qdrant's REST API: cosine vectors of a fixed width,
/// payload <c>{key, domain, genres, year}</c> with keyword/integer indexes, point ids derived from the keys
/// (<see cref="QdrantPointId"/>). Filters are the shapes <see cref="QdrantFilterTranslator"/> understands.
/// </summary>
public sealed class QdrantVectorCollection : VectorStoreCollection<string, ItemVectorRecord>
{
    private readonly QdrantTransport _transport;
    private readonly int _upsertBatchSize;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;
    private readonly string _path;

    internal QdrantVectorCollection(QdrantTransport transport, string name, int dimensions, int upsertBatchSize, IEmbeddingGenerator<string, Embedding<float>>? generator)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        _transport = transport;
        Name = name;
        Dimensions = dimensions;
        _upsertBatchSize = upsertBatchSize;
        _generator = generator;
        _path = "collections/" + Uri.EscapeDataString(name);
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>Width of the vectors.</summary>
    public int Dimensions { get; }

    /// <inheritdoc />
    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(HttpMethod.Get, _path + "/exists", null, "collection_exists", cancellationToken, collectionScoped: false).ConfigureAwait(false);
        return result?["exists"]?.GetValue<bool>() ?? false;
    }

    /// <summary>Creates the collection (cosine distance) with payload indexes on domain, genres and year when it is missing.</summary>
    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        if (await CollectionExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var body = new JsonObject { ["vectors"] = new JsonObject { ["size"] = Dimensions, ["distance"] = "Cosine" } };
        try
        {
            await SendAsync(HttpMethod.Put, _path, body, "create_collection", cancellationToken, collectionScoped: false, idempotent: false).ConfigureAwait(false);
        }
        catch (VectorStoreException e) when (e is not VectorStoreUnavailableException && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            // Created concurrently by another instance: what we wanted.
        }

        foreach (var (field, schema) in new[] { (QdrantFilterTranslator.DomainField, "keyword"), (QdrantFilterTranslator.GenresField, "keyword"), (QdrantFilterTranslator.YearField, "integer"), (QdrantFilterTranslator.KeyField, "keyword") })
        {
            var index = new JsonObject { ["field_name"] = field, ["field_schema"] = schema };
            await SendAsync(HttpMethod.Put, _path + "/index?wait=true", index, "create_payload_index", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, _path, null, "delete_collection", cancellationToken, collectionScoped: false);

    /// <summary>Number of points (exact count).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(HttpMethod.Post, _path + "/points/count", new JsonObject { ["exact"] = true }, "count", cancellationToken).ConfigureAwait(false);
        return result?["count"]?.GetValue<long>() ?? 0;
    }

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

        var body = new JsonObject
        {
            ["ids"] = new JsonArray([.. list.Select(k => (JsonNode)QdrantPointId.FromKey(k))]),
            ["with_payload"] = true,
            ["with_vector"] = options?.IncludeVectors ?? false,
        };
        var result = await SendAsync(HttpMethod.Post, _path + "/points", body, "get", cancellationToken).ConfigureAwait(false);
        var byKey = new Dictionary<string, ItemVectorRecord>(StringComparer.Ordinal);
        foreach (var point in result?.AsArray() ?? [])
        {
            var record = ToRecord(point!);
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
    public override async IAsyncEnumerable<ItemVectorRecord> GetAsync(
        Expression<Func<ItemVectorRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<ItemVectorRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (options?.OrderBy is not null)
        {
            throw new NotSupportedException("QdrantVectorCollection does not support OrderBy on filtered gets.");
        }

        var skip = options?.Skip ?? 0;
        var body = new JsonObject
        {
            ["limit"] = top + skip,
            ["with_payload"] = true,
            ["with_vector"] = options?.IncludeVectors ?? false,
        };
        if (QdrantFilterTranslator.Translate(filter) is { } translated)
        {
            body["filter"] = translated;
        }

        var result = await SendAsync(HttpMethod.Post, _path + "/points/scroll", body, "scroll", cancellationToken).ConfigureAwait(false);
        foreach (var point in (result?["points"]?.AsArray() ?? []).Skip(skip))
        {
            yield return ToRecord(point!);
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
        var ids = new JsonArray([.. keys.Select(k => (JsonNode)QdrantPointId.FromKey(k))]);
        if (ids.Count > 0)
        {
            await SendAsync(HttpMethod.Post, _path + "/points/delete?wait=true", new JsonObject { ["points"] = ids }, "delete", cancellationToken).ConfigureAwait(false);
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
    /// writes nothing; the points then go in batches of <see cref="QdrantOptions.UpsertBatchSize"/>.
    /// </summary>
    public override async Task UpsertAsync(IEnumerable<ItemVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records as IReadOnlyList<ItemVectorRecord> ?? [.. records];
        foreach (var record in list)
        {
            if (string.IsNullOrEmpty(record.Id))
            {
                throw new ArgumentException("Every record needs a non-empty Id.", nameof(records));
            }

            if (record.Vector.Length != Dimensions)
            {
                throw new ArgumentException(
                    $"Record '{record.Id}' has a {record.Vector.Length}-dimensional vector; collection '{Name}' holds {Dimensions}-dimensional vectors.",
                    nameof(records));
            }

            if (!AllFinite(record.Vector.Span))
            {
                throw new ArgumentException($"Record '{record.Id}' has a NaN or infinite vector component; nothing was written.", nameof(records));
            }
        }

        for (var start = 0; start < list.Count; start += _upsertBatchSize)
        {
            var points = new JsonArray();
            for (var i = start; i < Math.Min(list.Count, start + _upsertBatchSize); i++)
            {
                points.Add(ToPoint(list[i]));
            }

            await SendAsync(HttpMethod.Put, _path + "/points?wait=true", new JsonObject { ["points"] = points }, "upsert", cancellationToken).ConfigureAwait(false);
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
        ReadOnlyMemory<float> query = searchValue switch
        {
            ReadOnlyMemory<float> m => m,
            float[] a => a,
            Embedding<float> e => e.Vector,
            string text when _generator is not null => (await _generator.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector,
            string => throw new NotSupportedException($"Collection '{Name}' has no embedding generator; search with a vector (ReadOnlyMemory<float>, float[] or Embedding<float>)."),
            _ => throw new NotSupportedException($"Search values of type {typeof(TInput).Name} are not supported; use ReadOnlyMemory<float>, float[], Embedding<float> or string."),
        };
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions; collection '{Name}' holds {Dimensions}-dimensional vectors.", nameof(searchValue));
        }

        if (!AllFinite(query.Span))
        {
            throw new ArgumentException("The query vector has a NaN or infinite component.", nameof(searchValue));
        }

        var body = SearchBody(query.Span, top, options);
        var result = await SendAsync(HttpMethod.Post, _path + "/points/search", body, "search", cancellationToken).ConfigureAwait(false);
        foreach (var point in result?.AsArray() ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new VectorSearchResult<ItemVectorRecord>(ToRecord(point!), point!["score"]?.GetValue<double>());
        }
    }

    /// <summary>The JSON body of a <c>points/search</c> call (exposed for tests of the wire format).</summary>
    internal static JsonObject SearchBody(ReadOnlySpan<float> query, int top, VectorSearchOptions<ItemVectorRecord>? options)
    {
        var body = new JsonObject
        {
            ["vector"] = Vector(query),
            ["limit"] = top,
            ["with_payload"] = true,
            ["with_vector"] = options?.IncludeVectors ?? false,
        };
        if (options?.Skip is > 0 and var skip)
        {
            body["offset"] = skip;
        }

        if (options?.Filter is { } filter && QdrantFilterTranslator.Translate(filter) is { } translated)
        {
            body["filter"] = translated;
        }

        if (options?.ScoreThreshold is { } threshold)
        {
            body["score_threshold"] = threshold;
        }

        return body;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonArray Vector(ReadOnlySpan<float> values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add(v);
        }

        return array;
    }

    private static JsonObject ToPoint(ItemVectorRecord record)
    {
        var payload = new JsonObject
        {
            [QdrantFilterTranslator.KeyField] = record.Id,
            [QdrantFilterTranslator.DomainField] = record.Domain,
            [QdrantFilterTranslator.GenresField] = new JsonArray([.. record.Genres.Select(g => (JsonNode)g)]),
        };
        if (record.Year is { } year)
        {
            payload[QdrantFilterTranslator.YearField] = year;
        }

        return new JsonObject { ["id"] = QdrantPointId.FromKey(record.Id), ["vector"] = Vector(record.Vector.Span), ["payload"] = payload };
    }

    private ItemVectorRecord ToRecord(JsonNode point)
    {
        var payload = point["payload"] as JsonObject
            ?? throw new VectorStoreException($"Qdrant returned point {point["id"]} of collection '{Name}' without a payload.");
        var key = payload[QdrantFilterTranslator.KeyField]?.GetValue<string>()
            ?? throw new VectorStoreException($"Point {point["id"]} of collection '{Name}' has no '{QdrantFilterTranslator.KeyField}' in its payload; it was not written by AgentRec.");
        var record = new ItemVectorRecord
        {
            Id = key,
            Domain = payload[QdrantFilterTranslator.DomainField]?.GetValue<string>() ?? string.Empty,
            Year = payload[QdrantFilterTranslator.YearField] is JsonValue y ? y.GetValue<int>() : null,
            Genres = payload[QdrantFilterTranslator.GenresField] is JsonArray g ? [.. g.Select(x => x!.GetValue<string>())] : [],
        };
        if (point["vector"] is JsonArray vector)
        {
            var values = new float[vector.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = vector[i]!.GetValue<float>();
            }

            record.Vector = values;
        }

        return record;
    }

    private Task<JsonNode?> SendAsync(
        HttpMethod method, string path, JsonObject? body, string operation, CancellationToken cancellationToken, bool collectionScoped = true, bool idempotent = true) =>
        _transport.SendAsync(method, path, body, operation, collectionScoped ? Name : null, idempotent, cancellationToken);
}
