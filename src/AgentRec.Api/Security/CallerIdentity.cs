namespace AgentRec.Api.Security;

/// <summary>
/// Whose data a request may touch: in Anonymous mode the userId it names; otherwise only the authenticated user's,
/// which also fills an omitted userId.
/// </summary>
public sealed class CallerIdentity(Microsoft.Extensions.Options.IOptions<AuthOptions> options)
{
    /// <summary>The mode in force.</summary>
    public AuthMode Mode => options.Value.EffectiveMode;

    /// <summary>The user id a request acts as, or a <c>forbidden</c> error when it names someone else.</summary>
    public (string? UserId, RecommendationError? Error) Resolve(ClaimsPrincipal? caller, string? requestedUserId)
    {
        if (Mode == AuthMode.Anonymous)
        {
            return (requestedUserId, null);
        }

        var own = UserIdOf(caller);
        if (own is null)
        {
            return (null, new RecommendationError(ErrorCodes.Forbidden, "The caller is not authenticated."));
        }

        if (requestedUserId is null || string.Equals(requestedUserId, own, StringComparison.Ordinal))
        {
            return (own, null);
        }

        return (null, new RecommendationError(ErrorCodes.Forbidden, "A caller may read and write only their own profile, history and feedback."));
    }

    /// <summary>The authenticated user's id: the name identifier claim, or a token's <c>sub</c>.</summary>
    public static string? UserIdOf(ClaimsPrincipal? caller) =>
        caller?.Identity?.IsAuthenticated == true
            ? caller.FindFirstValue(ClaimTypes.NameIdentifier) ?? caller.FindFirstValue("sub")
            : null;
}
