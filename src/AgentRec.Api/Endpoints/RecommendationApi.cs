using AgentRec.Api.Limits;
using AgentRec.Api.ScaleOut;
using AgentRec.Api.Security;
using AgentRec.Core.Personalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentRec.Api.Endpoints;

/// <summary>The REST surface: whole answers for clients that do not stream, feedback, and liveness.</summary>
public static class RecommendationApi
{
    /// <summary>Maps /api/recommendations, /api/feedback and /healthz.</summary>
    public static IEndpointRouteBuilder MapRecommendationApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").RequireCallerWithinLimits(SecurityExtensions.CallerPolicy);
        api.MapPost("/recommendations", RecommendAsync).WithName("Recommend");
        api.MapPost("/feedback", FeedbackAsync).WithName("Feedback");
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthStatus("alive"))).WithName("Health");
        app.MapGet("/readyz", (IEnumerable<IReadinessCheck> checks) =>
                checks.Select(c => c.Pending).OfType<string>().ToList() is { Count: > 0 } pending
                    ? Results.Json(new HealthStatus("warming: " + string.Join("; ", pending)), statusCode: StatusCodes.Status503ServiceUnavailable)
                    : Results.Ok(new HealthStatus("ready")))
            .WithName("Ready");
        return app;
    }

    private static Task<Results<Ok<RecommendationResponse>, ProblemHttpResult>> RecommendAsync(
        RecommendRequest? request, ClaimsPrincipal caller, CallerIdentity identity, RecommendationPipeline pipeline, CancellationToken cancellationToken) =>
        ForCallerAsync(caller, identity, request?.UserId, userId => pipeline.CollectAsync(request is null ? null : request with { UserId = userId }, cancellationToken));

    private static Task<Results<Ok<FeedbackAck>, ProblemHttpResult>> FeedbackAsync(
        FeedbackRequest? request, ClaimsPrincipal caller, CallerIdentity identity, FeedbackRecorder recorder, CancellationToken cancellationToken) =>
        ForCallerAsync(caller, identity, request?.UserId, userId => recorder.RecordAsync(request is null ? null : request with { UserId = userId }, cancellationToken));

    // Handles a request as the user the caller may act for (a user id the caller may not use is refused); an error as problem details.
    private static async Task<Results<Ok<T>, ProblemHttpResult>> ForCallerAsync<T>(
        ClaimsPrincipal caller, CallerIdentity identity, string? requestedUserId, Func<string?, Task<(T? Value, RecommendationError? Error)>> handle)
        where T : class
    {
        var (userId, forbidden) = identity.Resolve(caller, requestedUserId);
        if (forbidden is not null)
        {
            return Problem(forbidden);
        }

        var (value, error) = await handle(userId);
        return error is null ? TypedResults.Ok(value!) : Problem(error);
    }

    private static ProblemHttpResult Problem(RecommendationError error) =>
        TypedResults.Problem(
            detail: error.Message,
            statusCode: error.Code switch
            {
                ErrorCodes.UnknownItem => StatusCodes.Status404NotFound,
                ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
                ErrorCodes.IndexUnavailable => StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.Internal => StatusCodes.Status500InternalServerError,
                _ => StatusCodes.Status400BadRequest,
            },
            title: error.Code,
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });

    /// <summary>The liveness answer.</summary>
    public sealed record HealthStatus(string Status);
}
