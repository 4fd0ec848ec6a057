using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentRec.Core.Retrieval.Qdrant;

/// <summary>Registers the item vector store chosen by <c>VectorStore:Provider</c>.</summary>
public static class VectorStoreHostingExtensions
{
    /// <summary>Name of the HttpClient that talks to Qdrant.</summary>
    public const string QdrantHttpClientName = "qdrant";

    /// <summary>
    /// Binds and validates <see cref="VectorStoreOptions"/> at start-up; with provider <c>qdrant</c> also registers a
    /// <see cref="QdrantVectorStore"/> that <see cref="ItemVectorService"/> fills and searches.
    /// </summary>
    public static IHostApplicationBuilder AddItemVectorStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<VectorStoreOptions>().Bind(builder.Configuration.GetSection(VectorStoreOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (string.Equals(builder.Configuration[$"{VectorStoreOptions.SectionName}:Provider"], VectorStoreOptions.QdrantProvider, StringComparison.OrdinalIgnoreCase))
        {
            services.AddHttpClient(QdrantHttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
            services.AddSingleton(sp => new QdrantVectorStore(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(QdrantHttpClientName),
                sp.GetRequiredService<IOptions<VectorStoreOptions>>().Value.Qdrant,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<QdrantVectorStore>>()));
        }

        return builder;
    }
}
