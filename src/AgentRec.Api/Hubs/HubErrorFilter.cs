using AgentRec.Api.Diagnostics;
using AgentRec.Api.Limits;

namespace AgentRec.Api.Hubs;

/// <summary>
/// The outermost hub filter: a refused call (a <see cref="HubException"/> carrying <c>code: message</c>) goes to
/// <see cref="ClientErrorLog"/>; any other failure is logged once as an error and reaches the client as
/// <c>internal_error</c>, so every hub error carries a code. SignalR's own per-failure error entries are filtered out
/// (<see cref="DispatcherCategory"/>), since this filter has already logged each failure.
/// </summary>
internal sealed partial class HubErrorFilter(ClientErrorLog clientErrors, ILogger<HubErrorFilter> logger) : IHubFilter
{
    /// <summary>The log category of SignalR's hub dispatcher, whose failure entries would repeat this filter's with a stack trace.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (HubException ex)
        {
            var separator = ex.Message.IndexOf(':', StringComparison.Ordinal);
            var code = separator > 0 ? ex.Message[..separator] : ErrorCodes.InvalidRequest;
            clientErrors.Refused("hub", HubUserRateLimiter.PartitionOf(invocationContext.Context), code,
                invocationContext.HubMethodName + ": " + (separator > 0 ? ex.Message[(separator + 1)..].Trim() : ex.Message));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (logger.IsEnabled(LogLevel.Error))
            {
                LogFailed(logger, LogText.Safe(invocationContext.HubMethodName), ex);
            }

            throw new HubException(ErrorCodes.Format(ErrorCodes.Internal, "The call failed on the server; please try again."));
        }
    }

    [LoggerMessage(EventId = 9210, Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception exception);
}
