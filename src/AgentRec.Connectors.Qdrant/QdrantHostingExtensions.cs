using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRec.Connectors.Qdrant;

/// <summary>Registers Qdrant as the item vector store when <c>VectorStore:Provider</c> is <c>qdrant</c>.</summary>
public static class QdrantHostingExtensions
{
    /// <summary>
    /// With <c>VectorStore:Provider=qdrant</c>: binds <see cref="QdrantOptions"/> (section <c>VectorStore:Qdrant</c>,
    /// validated at start-up, each error naming its key), and registers a <see cref="QdrantVectorStore"/> and the
    /// <see cref="IExternalItemVectorStore"/> the hybrid retriever fills and searches. Any other provider: nothing.
    /// </summary>
    public static IHostApplicationBuilder AddQdrantItemVectorStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.Equals(builder.Configuration[$"{VectorStoreOptions.SectionName}:Provider"], VectorStoreOptions.QdrantProvider, StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        var services = builder.Services;
        builder.AddValidatedOptions<QdrantOptions>(QdrantOptions.SectionName);
        services.AddSingleton(sp => new QdrantVectorStore(
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IExternalItemVectorStore>(sp => new QdrantItemVectorStore(
            sp.GetRequiredService<QdrantVectorStore>(), sp.GetRequiredService<IOptions<QdrantOptions>>().Value.Collection, sp.GetRequiredService<ILogger<QdrantItemVectorStore>>()));
        return builder;
    }
}
