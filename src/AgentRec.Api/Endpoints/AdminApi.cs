using AgentRec.Api.Limits;
using AgentRec.Api.ScaleOut;
using AgentRec.Api.Security;
using AgentRec.Core.Catalog;
using AgentRec.Core.Personalization;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.Core.State;
using AgentRec.Core.Training;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentRec.Api.Endpoints;

/// <summary>
/// Operations on the service itself, for the role <c>admin</c> (policy <see cref="SecurityExtensions.AdminPolicy"/>;
/// anyone in Anonymous mode, which is refused in Production): what is loaded and serving, and what is still warming.
/// </summary>
public static class AdminApi
{
    /// <summary>Maps GET /api/admin/status.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup("/api/admin").RequireCallerWithinLimits(SecurityExtensions.AdminPolicy);
        admin.MapGet("/status", StatusAsync).WithName("AdminStatus");
        return app;
    }

    private static async Task<Ok<AdminStatus>> StatusAsync(IServiceProvider services, ItemCatalog catalog, IStateStore store, CancellationToken cancellationToken)
    {
        var counts = await store.GetCountsAsync(cancellationToken);
        var readiness = services.GetServices<IReadinessCheck>()
            .Select(c => new ReadinessEntry(c.GetType().Name, c.Pending is null, c.Pending))
            .ToArray();
        var stages = new StageImplementations(
            Name(services.GetRequiredService<IIntentParser>()),
            Name(services.GetRequiredService<ICandidateRetriever>()),
            Name(services.GetRequiredService<IReranker>() is SelfTrainingReranker learning ? learning.Current : services.GetRequiredService<IReranker>()),
            Name(services.GetRequiredService<IPersonalizer>()),
            Name(services.GetRequiredService<IExplainer>()));
        return TypedResults.Ok(new AdminStatus(
            new CatalogCounts(catalog.Count, catalog.CountOf(ItemDomain.Movie), catalog.CountOf(ItemDomain.Book)),
            new StoreCountsView(counts.Users, counts.Interactions, counts.Feedback, counts.Conversations),
            stages,
            readiness));
    }

    private static string Name(object stage) => stage.GetType().Name;

    /// <summary>The status document.</summary>
    public sealed record AdminStatus(CatalogCounts Catalog, StoreCountsView Store, StageImplementations Stages, IReadOnlyList<ReadinessEntry> Readiness);

    /// <summary>Items in the catalog.</summary>
    public sealed record CatalogCounts(int Items, int Movies, int Books);

    /// <summary>Rows in the state store.</summary>
    public sealed record StoreCountsView(long Users, long Interactions, long Feedback, long Conversations);

    /// <summary>The implementation serving each pipeline stage now.</summary>
    public sealed record StageImplementations(string Intent, string Retrieval, string Rerank, string Personalize, string Explain);

    /// <summary>One readiness check: ready, or what it still waits for.</summary>
    public sealed record ReadinessEntry(string Check, bool Ready, string? Pending);
}
