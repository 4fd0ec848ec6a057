namespace AgentRec.Core.Retrieval.Stores;

/// <summary>Binds the choice of item vector store (<c>VectorStore:Provider</c>).</summary>
public static class VectorStoreHostingExtensions
{
    /// <summary>
    /// Binds and validates <see cref="VectorStoreOptions"/> at start-up. With provider <c>qdrant</c> the host must also
    /// register the Qdrant connector (AgentRec.Connectors.Qdrant, <c>AddQdrantItemVectorStore</c>), which supplies the
    /// <see cref="IExternalItemVectorStore"/>; start-up stops with a message naming the key when it did not.
    /// </summary>
    public static IHostApplicationBuilder AddItemVectorStore(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<VectorStoreOptions>(VectorStoreOptions.SectionName)
            .Validate<IServiceProviderIsService>(
                (options, services) => !options.UsesQdrant || services.IsService(typeof(IExternalItemVectorStore)),
                $"{VectorStoreOptions.SectionName}:Provider is 'qdrant' but this host has no Qdrant connector registered (AgentRec.Connectors.Qdrant, builder.AddQdrantItemVectorStore()).");
        return builder;
    }
}
