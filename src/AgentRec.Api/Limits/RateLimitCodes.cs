namespace AgentRec.Api.Limits;

/// <summary>The error code of a refused call over a rate limit.</summary>
public static class RateLimitCodes
{
    public const string RateLimited = "rate_limited";
}
