using System.Threading.RateLimiting;
using AgentRec.Api.Security;

namespace AgentRec.Api.Limits;

/// <summary>
/// Rate-limits hub calls per connection and per user (one IP address when anonymous). A refused <c>Recommend</c>
/// streams one <c>error</c> event with code <c>rate_limited</c>; a refused <c>Feedback</c> fails with that code.
/// Either way the connection stays open and usable once the window turns.
/// </summary>
internal sealed class HubRateLimitFilter(IOptions<LimitsOptions> options, HubUserRateLimiter users) : IHubFilter
{
    private const string ConnectionLimiterKey = "agentrec.rate-limiter";

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var limits = options.Value;
        context.Context.Items[ConnectionLimiterKey] = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.HubCallsPerConnectionPerWindow,
            Window = TimeSpan.FromSeconds(limits.WindowSeconds),
            QueueLimit = 0,
        });
        return next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context, exception).ConfigureAwait(false);
        }
        finally
        {
            if (context.Context.Items.TryGetValue(ConnectionLimiterKey, out var limiter) && limiter is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocationContext.Context;
        if (context.Items.TryGetValue(ConnectionLimiterKey, out var value) && value is RateLimiter connectionLimiter)
        {
            using var connectionLease = connectionLimiter.AttemptAcquire();
            if (!connectionLease.IsAcquired)
            {
                return Refuse(invocationContext, connectionLease, "this connection");
            }
        }

        using var userLease = users.Limiter.AttemptAcquire(HubUserRateLimiter.PartitionOf(context));
        if (!userLease.IsAcquired)
        {
            return Refuse(invocationContext, userLease, "this user");
        }

        return await next(invocationContext).ConfigureAwait(false);
    }

    private object Refuse(HubInvocationContext invocationContext, RateLimitLease lease, string who)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(options.Value.WindowSeconds);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var message = string.Create(CultureInfo.InvariantCulture, $"Too many calls from {who}; retry after {seconds} s.");
        if (string.Equals(invocationContext.HubMethodName, nameof(Hubs.RecommendHub.Recommend), StringComparison.Ordinal))
        {
            return Hubs.RecommendHub.Once(new RecommendationError(ErrorCodes.RateLimited, message), CancellationToken.None);
        }

        throw new HubException($"{ErrorCodes.RateLimited}: {message}");
    }
}

/// <summary>The per-user hub call limiter, shared by every connection.</summary>
internal sealed class HubUserRateLimiter(IOptions<LimitsOptions> options) : IDisposable
{
    public PartitionedRateLimiter<string> Limiter { get; } = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.HubCallsPerUserPerWindow,
            Window = TimeSpan.FromSeconds(options.Value.WindowSeconds),
            QueueLimit = 0,
        }));

    /// <summary>The authenticated user's id, else the connection's IP address.</summary>
    public static string PartitionOf(HubCallerContext context) =>
        CallerIdentity.UserIdOf(context.User) is { } user
            ? "user:" + user
            : "ip:" + (context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public void Dispose() => Limiter.Dispose();
}
