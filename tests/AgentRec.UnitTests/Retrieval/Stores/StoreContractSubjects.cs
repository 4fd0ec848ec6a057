using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Qdrant;
using Microsoft.Extensions.VectorData;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>The in-process collection under the store contract.</summary>
public sealed class InProcessStoreContractTests : VectorStoreContractTests
{
    protected override VectorStoreCollection<string, ItemVectorRecord> Open(string name, int dimensions) => new InMemoryVectorCollection(name, dimensions);
}

/// <summary>The Qdrant client under the store contract, against the in-memory recorded Qdrant REST semantics.</summary>
public sealed class RecordedQdrantStoreContractTests : VectorStoreContractTests, IDisposable
{
    private readonly QdrantVectorStore _store = QdrantTestServers.Recorded(out _);

    protected override VectorStoreCollection<string, ItemVectorRecord> Open(string name, int dimensions) => _store.GetItemCollection(name, dimensions);

    public void Dispose() => _store.Dispose();
}

/// <summary>
/// The Qdrant client under the store contract against the server at <c>QDRANT_URL</c> (e.g. http://localhost:6333,
/// with <c>QDRANT_API_KEY</c> when the server wants one); without it, against the recorded Qdrant semantics.
/// </summary>
public sealed class LiveQdrantStoreContractTests : VectorStoreContractTests, IDisposable
{
    private readonly QdrantVectorStore _store = QdrantTestServers.LiveOrRecorded();

    protected override VectorStoreCollection<string, ItemVectorRecord> Open(string name, int dimensions) => _store.GetItemCollection(name, dimensions);

    public void Dispose() => _store.Dispose();
}

/// <summary>Qdrant stores for tests: over <see cref="RecordedQdrantHandler"/>, or a live server named by <c>QDRANT_URL</c>.</summary>
internal static class QdrantTestServers
{
    public static QdrantVectorStore Recorded(out RecordedQdrantHandler handler, QdrantOptions? options = null, TimeProvider? time = null)
    {
        handler = new RecordedQdrantHandler { RequiredApiKey = options?.ApiKey };
        return new QdrantVectorStore(new HttpClient(handler), options ?? new QdrantOptions { RetryBaseDelay = TimeSpan.Zero }, time);
    }

    public static QdrantVectorStore LiveOrRecorded()
    {
        var url = Environment.GetEnvironmentVariable("QDRANT_URL");
        return string.IsNullOrWhiteSpace(url)
            ? Recorded(out _)
            : new QdrantVectorStore(new HttpClient(), new QdrantOptions { Url = url, ApiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY"), RetryBaseDelay = TimeSpan.FromMilliseconds(50) });
    }
}
