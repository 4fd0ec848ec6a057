namespace AgentRec.Core.Embeddings;

/// <summary>Registers <see cref="QueryBatchingOptions"/>, bound to <c>Retrieval:QueryBatching</c> and validated at start-up.</summary>
public static class QueryBatchingHostingExtensions
{
    /// <summary>Binds and validates the query batching options; a bad value stops start-up naming the key.</summary>
    public static IHostApplicationBuilder AddQueryBatching(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<QueryBatchingOptions>(QueryBatchingOptions.SectionName);
        return builder;
    }
}
