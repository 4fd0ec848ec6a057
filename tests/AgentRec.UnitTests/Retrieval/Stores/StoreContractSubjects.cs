using AgentRec.Core.Retrieval;
using AgentRec.Connectors.Qdrant;
using Microsoft.Extensions.VectorData;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>The in-process collection under the store contract.</summary>
public sealed class InProcessStoreContractTests : VectorStoreContractTests
{
    protected override VectorStoreCollection<string, ItemVectorRecord> Open(string name, int dimensions) => new InMemoryVectorCollection(name, dimensions);
}

/// <summary>The Qdrant connector (official client over gRPC) under the store contract, against the in-process fake gRPC server.</summary>
public sealed class FakeGrpcQdrantStoreContractTests : VectorStoreContractTests, IDisposable
{
    private readonly QdrantVectorStore _store = QdrantGrpcTestServers.Fake(out _);

    protected override VectorStoreCollection<string, ItemVectorRecord> Open(string name, int dimensions) => _store.GetItemCollection(name, dimensions);

    public void Dispose() => _store.Dispose();
}

/// <summary>
/// The Qdrant connector under the store contract against the server at <c>QDRANT_URL</c> (e.g. http://localhost:6333,
/// whose gRPC port 6334 is used; <c>QDRANT_API_KEY</c> when the server wants one). Skipped, saying so, without it.
/// </summary>
[RequiresEnvironment("QDRANT_URL", "no Qdrant server to run the store contract against (e.g. QDRANT_URL=http://localhost:6333 after docker compose up qdrant)")]
public sealed class LiveQdrantStoreContractTests : VectorStoreContractTests, IDisposable
{
    private readonly QdrantVectorStore? _store = QdrantGrpcTestServers.Live();

    protected override VectorStoreCollection<string, ItemVectorRecord> Open(string name, int dimensions) =>
        (_store ?? throw new InvalidOperationException("QDRANT_URL is not set")).GetItemCollection(name, dimensions);

    public void Dispose() => _store?.Dispose();
}

/// <summary>Qdrant connector stores for tests: over <see cref="FakeQdrantGrpcServer"/>, or a live server named by <c>QDRANT_URL</c>.</summary>
internal static class QdrantGrpcTestServers
{
    public static QdrantVectorStore Fake(out FakeQdrantGrpcServer server, QdrantOptions? options = null, TimeProvider? time = null)
    {
        server = new FakeQdrantGrpcServer { RequiredApiKey = options?.ApiKey };
        return new QdrantVectorStore(server, options ?? new QdrantOptions { RetryBaseDelay = TimeSpan.Zero }, time);
    }

    public static QdrantVectorStore? Live() =>
        Environment.GetEnvironmentVariable("QDRANT_URL") is { Length: > 0 } url
            ? new QdrantVectorStore(new QdrantOptions { Url = url, ApiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY"), RetryBaseDelay = TimeSpan.FromMilliseconds(50) })
            : null;
}
