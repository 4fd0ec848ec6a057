using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using AgentRec.Core.Retrieval.Stores;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval.Qdrant;

/// <summary>
/// Sends one JSON call to Qdrant's REST API and unwraps its <c>result</c>. Idempotent calls are retried with exponential
/// backoff on connection failures, timeouts, 429 and 5xx; when the retries run out the caller gets
/// <see cref="VectorStoreUnavailableException"/>. Other failures become typed <see cref="VectorStoreException"/>s carrying
/// Qdrant's own error text.
/// </summary>
internal sealed partial class QdrantTransport(HttpClient http, QdrantOptions options, TimeProvider time, ILogger? logger)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The base address every path is relative to.</summary>
    public Uri BaseAddress { get; } = new(options.Url.EndsWith('/') ? options.Url : options.Url + "/", UriKind.Absolute);

    /// <summary>Delay before retry number <paramref name="attempt"/> (0-based): base, 2·base, 4·base, ...</summary>
    public static TimeSpan BackoffDelay(TimeSpan baseDelay, int attempt) =>
        TimeSpan.FromTicks(baseDelay.Ticks * (1L << Math.Min(attempt, 20)));

    /// <summary>Sends the call and returns its <c>result</c> node (null when absent).</summary>
    public async Task<JsonNode?> SendAsync(
        HttpMethod method, string path, JsonNode? body, string operation, string? collection, bool idempotent, CancellationToken cancellationToken)
    {
        var payload = body?.ToJsonString();
        var attempts = idempotent ? options.MaxRetries + 1 : 1;
        string? lastFailure = null;
        Exception? lastException = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0)
            {
                var delay = BackoffDelay(options.RetryBaseDelay, attempt - 1);
                LogRetry(_logger, operation, attempt, attempts - 1, delay.TotalMilliseconds, lastFailure ?? "unknown");
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
            }

            using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
            if (payload is not null)
            {
                request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
            }

            if (options.ApiKey is { Length: > 0 } key)
            {
                request.Headers.TryAddWithoutValidation("api-key", key);
            }

            HttpResponseMessage response;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                lastFailure = e.Message;
                lastException = e;
                continue;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = $"no answer within {options.RequestTimeout.TotalSeconds} s";
                lastException = e;
                continue;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return ParseResult(text, operation, collection);
                }

                var error = ErrorText(text);
                if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                {
                    lastFailure = $"{(int)response.StatusCode} {error}";
                    lastException = null;
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.NotFound && collection is not null)
                {
                    throw new VectorStoreCollectionNotFoundException($"Qdrant collection '{collection}' does not exist ({operation}): {error}")
                    {
                        VectorStoreSystemName = "qdrant",
                        CollectionName = collection,
                        OperationName = operation,
                    };
                }

                throw new VectorStoreException($"Qdrant rejected {operation}{On(collection)} with {(int)response.StatusCode}: {error}")
                {
                    VectorStoreSystemName = "qdrant",
                    CollectionName = collection,
                    OperationName = operation,
                };
            }
        }

        var message = $"Qdrant at {BaseAddress} is unavailable: {operation}{On(collection)} failed {attempts} time(s); last failure: {lastFailure}";
        throw new VectorStoreUnavailableException(message, lastException ?? new HttpRequestException(lastFailure))
        {
            VectorStoreSystemName = "qdrant",
            CollectionName = collection,
            OperationName = operation,
        };
    }

    /// <summary>True when <c>GET /readyz</c> answers 2xx (one try, no retries).</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "readyz"));
        if (options.ApiKey is { Length: > 0 } key)
        {
            request.Headers.TryAddWithoutValidation("api-key", key);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string On(string? collection) => collection is null ? string.Empty : $" on collection '{collection}'";

    private static JsonNode? ParseResult(string text, string operation, string? collection)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text)?["result"];
        }
        catch (JsonException e)
        {
            throw new VectorStoreException($"Qdrant answered {operation}{On(collection)} with a body that is not JSON: {e.Message}", e);
        }
    }

    /// <summary>Qdrant's error text: <c>{"status":{"error":"..."}}</c>, else the raw body.</summary>
    private static string ErrorText(string text)
    {
        try
        {
            if (JsonNode.Parse(text)?["status"]?["error"] is JsonValue v && v.TryGetValue<string>(out var s))
            {
                return s;
            }
        }
        catch (JsonException)
        {
        }

        return text.Length > 500 ? text[..500] : text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant {Operation} failed; retry {Attempt} of {Retries} in {DelayMs} ms ({Reason})")]
    private static partial void LogRetry(ILogger logger, string operation, int attempt, int retries, double delayMs, string reason);
}
