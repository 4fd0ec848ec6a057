using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentRec.Connectors.Qdrant;

/// <summary>
/// Runs one Qdrant gRPC call. Idempotent calls are retried with exponential backoff when the server is unavailable,
/// misses the deadline, is overloaded or fails internally; when the retries run out the caller gets
/// the store-failure exception of the contracts, <see cref="StoreUnavailableException"/>. A missing collection becomes <see cref="VectorStoreCollectionNotFoundException"/>,
/// any other refusal a <see cref="VectorStoreException"/> carrying Qdrant's own error text.
/// </summary>
internal sealed partial class QdrantCalls(Uri address, QdrantOptions options, TimeProvider time, ILogger? logger)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The gRPC endpoint, for messages.</summary>
    public Uri Address => address;

    /// <summary>Delay before retry number <paramref name="attempt"/> (0-based): base, 2·base, 4·base, ...</summary>
    public static TimeSpan BackoffDelay(TimeSpan baseDelay, int attempt) =>
        TimeSpan.FromTicks(baseDelay.Ticks * (1L << Math.Min(attempt, 20)));

    /// <summary>True for the status codes a later try may not see again.</summary>
    public static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown;

    /// <summary>Runs <paramref name="call"/> (with retries when <paramref name="idempotent"/>) and returns its result.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, string operation, string? collection, bool idempotent, CancellationToken cancellationToken)
    {
        var attempts = idempotent ? options.MaxRetries + 1 : 1;
        RpcException? last = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0)
            {
                var delay = BackoffDelay(options.RetryBaseDelay, attempt - 1);
                LogRetry(_logger, operation, attempt, attempts - 1, delay.TotalMilliseconds, Describe(last!));
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
            }

            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
            catch (RpcException e) when (IsTransient(e.StatusCode))
            {
                last = e;
            }
            catch (RpcException e) when (collection is not null && IsMissingCollection(e))
            {
                throw new VectorStoreCollectionNotFoundException($"Qdrant collection '{collection}' does not exist ({operation}): {e.Status.Detail}", e)
                {
                    VectorStoreSystemName = "qdrant",
                    CollectionName = collection,
                    OperationName = operation,
                };
            }
            catch (RpcException e)
            {
                throw new VectorStoreException($"Qdrant rejected {operation}{On(collection)} with {e.StatusCode}: {e.Status.Detail}", e)
                {
                    VectorStoreSystemName = "qdrant",
                    CollectionName = collection,
                    OperationName = operation,
                };
            }
            catch (QdrantException e)
            {
                // The call went through but the server answered that the operation was not carried out.
                throw new VectorStoreException($"Qdrant did not carry out {operation}{On(collection)}: {e.Message}", e)
                {
                    VectorStoreSystemName = "qdrant",
                    CollectionName = collection,
                    OperationName = operation,
                };
            }
        }

        var message = $"Qdrant at {address} is unavailable: {operation}{On(collection)} failed {attempts} time(s); last failure: {Describe(last!)}";
        throw new StoreUnavailableException(message, last!)
        {
            Store = "qdrant",
            CollectionName = collection,
            OperationName = operation,
        };
    }

    /// <summary>Qdrant answers NotFound for a missing collection (older servers: InvalidArgument with "doesn't exist").</summary>
    private static bool IsMissingCollection(RpcException e) =>
        e.StatusCode == StatusCode.NotFound
        || (e.StatusCode == StatusCode.InvalidArgument && e.Status.Detail.Contains("doesn't exist", StringComparison.OrdinalIgnoreCase));

    private static string Describe(RpcException e) =>
        e.StatusCode == StatusCode.DeadlineExceeded ? $"no answer before the deadline ({e.Status.Detail})" : $"{e.StatusCode} {e.Status.Detail}";

    private static string On(string? collection) => collection is null ? string.Empty : $" on collection '{collection}'";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant {Operation} failed; retry {Attempt} of {Retries} in {DelayMs} ms ({Reason})")]
    private static partial void LogRetry(ILogger logger, string operation, int attempt, int retries, double delayMs, string reason);
}
