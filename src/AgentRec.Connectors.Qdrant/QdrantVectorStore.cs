using System.Reflection;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.AI;

namespace AgentRec.Connectors.Qdrant;

/// <summary>
/// Qdrant over its gRPC API as a <see cref="VectorStore"/>, on the official <see cref="QdrantClient"/>: collections of
/// <see cref="ItemVectorRecord"/> keyed by string, readiness (the health check call), bounded retries with exponential
/// backoff, a deadline per call, optional <c>api-key</c> header.
/// </summary>
public sealed class QdrantVectorStore : VectorStore
{
    private readonly QdrantChannel? _channel;
    private readonly QdrantClient _client;
    private readonly QdrantCalls _calls;
    private readonly QdrantOptions _options;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _generator;

    /// <summary>A store connected to <see cref="QdrantOptions.GrpcAddress"/>; retry delays come from <paramref name="time"/>.</summary>
    public QdrantVectorStore(QdrantOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
        : this(options, null, time, loggerFactory, generator)
    {
    }

    /// <summary>A store whose calls go through <paramref name="callInvoker"/> (a channel configured by the caller, or an in-process server).</summary>
    public QdrantVectorStore(
        CallInvoker callInvoker, QdrantOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
        : this(options, callInvoker ?? throw new ArgumentNullException(nameof(callInvoker)), time, loggerFactory, generator)
    {
    }

    private QdrantVectorStore(QdrantOptions options, CallInvoker? callInvoker, TimeProvider? time, ILoggerFactory? loggerFactory, IEmbeddingGenerator<string, Embedding<float>>? generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().FirstOrDefault() is { } invalid)
        {
            throw new ArgumentException(invalid.ErrorMessage, nameof(options));
        }

        _options = options;
        _generator = generator;
        Address = options.GrpcAddress();
        var invoker = callInvoker;
        if (invoker is null)
        {
            _channel = QdrantChannel.ForAddress(Address);
            invoker = _channel.CreateCallInvoker();
        }

        if (options.ApiKey is { Length: > 0 } key)
        {
            invoker = invoker.Intercept(metadata =>
            {
                metadata.Add("api-key", key);
                return metadata;
            });
        }

        _client = new QdrantClient(new QdrantGrpcClient(invoker), options.RequestTimeout, loggerFactory);
        _calls = new QdrantCalls(Address, options, time ?? TimeProvider.System, loggerFactory?.CreateLogger<QdrantVectorStore>());
    }

    /// <summary>The gRPC endpoint the calls go to.</summary>
    public Uri Address { get; }

    /// <summary>The item collection named <paramref name="name"/> holding <paramref name="dimensions"/>-wide vectors.</summary>
    public QdrantVectorCollection GetItemCollection(string name, int dimensions) =>
        new(_client, _calls, name, dimensions, _options.UpsertBatchSize, _generator);

    /// <summary>True when Qdrant answers its health check (one try within the call deadline, no retries).</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.HealthAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (!(e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

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
        var names = await _calls.RunAsync(ct => _client.ListCollectionsAsync(ct), "list_collections", null, idempotent: true, cancellationToken).ConfigureAwait(false);
        foreach (var name in names)
        {
            yield return name;
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
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : serviceKey is null && serviceType == typeof(QdrantClient) ? _client
            : null;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
            _channel?.Dispose();
        }

        base.Dispose(disposing);
    }
}
