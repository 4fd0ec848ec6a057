namespace AgentRec.Core.Embeddings;

/// <summary>Registers <see cref="QueryBatchingOptions"/>, bound to <c>Retrieval:QueryBatching</c> and validated at start-up.</summary>
public static class QueryBatchingHostingExtensions
{
    /// <summary>Binds and validates the query batching options; a bad value stops start-up naming the key.</summary>
    public static IHostApplicationBuilder AddQueryBatching(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<QueryBatchingOptions>()
            .Bind(builder.Configuration.GetSection(QueryBatchingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }
}
