using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval.Qdrant;

/// <summary>
/// Qdrant over its REST API as a <see cref="VectorStore"/>: collections of <see cref="ItemVectorRecord"/> keyed by
/// string, readiness (<c>/readyz</c>), bounded retries with exponential backoff, optional <c>api-key</c> header.
/// </summary>
public sealed class QdrantVectorStore : VectorStore
{
    private readonly QdrantTransport _transport;
    private readonly QdrantOptions _options;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;

    /// <summary>A store talking to <see cref="QdrantOptions.Url"/> through <paramref name="http"/>; delays come from <paramref name="time"/>.</summary>
    public QdrantVectorStore(
        HttpClient http, QdrantOptions options, TimeProvider? time = null, ILogger<QdrantVectorStore>? logger = null, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate("VectorStore:Qdrant").FirstOrDefault() is { } invalid)
        {
            throw new ArgumentException(invalid.ErrorMessage, nameof(options));
        }

        _options = options;
        _generator = generator;
        _transport = new QdrantTransport(http, options, time ?? TimeProvider.System, logger);
    }

    /// <summary>The REST API's base address.</summary>
    public Uri BaseAddress => _transport.BaseAddress;

    /// <summary>The item collection named <paramref name="name"/> holding <paramref name="dimensions"/>-wide vectors.</summary>
    public QdrantVectorCollection GetItemCollection(string name, int dimensions) =>
        new(_transport, name, dimensions, _options.UpsertBatchSize, _generator);

    /// <summary>True when Qdrant answers its readiness probe (<c>GET /readyz</c>).</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => _transport.IsReadyAsync(cancellationToken);

    /// <summary>
    /// Only <c>string</c> keys and <see cref="ItemVectorRecord"/> records; the width comes from
    /// <paramref name="definition"/>'s vector property when given, else from the record's <see cref="VectorStoreVectorAttribute"/>.
    /// </summary>
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TKey) != typeof(string) || typeof(TRecord) != typeof(ItemVectorRecord))
        {
            throw new NotSupportedException($"QdrantVectorStore serves VectorStoreCollection<string, ItemVectorRecord>, not <{typeof(TKey).Name}, {typeof(TRecord).Name}>.");
        }

        var dimensions = definition?.Properties.OfType<VectorStoreVectorProperty>().FirstOrDefault()?.Dimensions
            ?? typeof(ItemVectorRecord).GetProperty(nameof(ItemVectorRecord.Vector))!.GetCustomAttribute<VectorStoreVectorAttribute>()!.Dimensions;
        return (VectorStoreCollection<TKey, TRecord>)(object)GetItemCollection(name, dimensions);
    }

    /// <inheritdoc />
    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition) =>
        throw new NotSupportedException("QdrantVectorStore does not serve dynamic collections; use GetCollection<string, ItemVectorRecord>.");

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var result = await _transport.SendAsync(HttpMethod.Get, "collections", null, "list_collections", null, idempotent: true, cancellationToken).ConfigureAwait(false);
        foreach (var c in result?["collections"]?.AsArray() ?? [])
        {
            if (c?["name"]?.GetValue<string>() is { } name)
            {
                yield return name;
            }
        }
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default) =>
        GetItemCollection(name, 1).CollectionExistsAsync(cancellationToken);

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default) =>
        GetItemCollection(name, 1).EnsureCollectionDeletedAsync(cancellationToken);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
