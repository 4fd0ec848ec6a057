using System.ComponentModel.DataAnnotations;

namespace AgentRec.Connectors.Qdrant;

/// <summary>Where the Qdrant server is and how to talk to it. Section <c>VectorStore:Qdrant</c>.</summary>
public sealed class QdrantOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "VectorStore:Qdrant";

    /// <summary>Qdrant's REST port; a <see cref="Url"/> on it means the gRPC API on <see cref="GrpcPort"/> of the same host.</summary>
    public const int RestPort = 6333;

    /// <summary>Qdrant's gRPC port.</summary>
    public const int GrpcPort = 6334;

    /// <summary>
    /// Qdrant's address, e.g. http://localhost:6333 (what Qdrant prints and what compose files name). The client speaks
    /// gRPC: a URL on port 6333 (Qdrant's REST port) is taken to mean the gRPC port 6334 of the same host; any other
    /// port is used as given. <see cref="GrpcUrl"/> overrides this.
    /// </summary>
    public string Url { get; set; } = "http://localhost:6333";

    /// <summary>The gRPC endpoint itself, when it is not found from <see cref="Url"/> (a proxy, another port).</summary>
    public string? GrpcUrl { get; set; }

    /// <summary>Sent as the <c>api-key</c> header when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Name of the collection holding the item vectors.</summary>
    public string Collection { get; set; } = "agentrec-items";

    /// <summary>Retries of a failed idempotent call (unavailable, deadline exceeded, overloaded, internal error) before giving up.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; each later retry waits twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Deadline of one gRPC call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Points sent per upsert call.</summary>
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>The gRPC address the client connects to: <see cref="GrpcUrl"/>, else <see cref="Url"/> with port 6333 mapped to 6334.</summary>
    public Uri GrpcAddress()
    {
        if (GrpcUrl is { Length: > 0 } explicitUrl)
        {
            return new Uri(explicitUrl, UriKind.Absolute);
        }

        var url = new Uri(Url, UriKind.Absolute);
        return url.Port == RestPort ? new UriBuilder(url) { Port = GrpcPort }.Uri : url;
    }

    /// <summary>The validation errors of these settings, each naming its configuration key under <paramref name="prefix"/>.</summary>
    public IEnumerable<ValidationResult> Validate(string prefix = SectionName)
    {
        if (!IsHttpUrl(Url))
        {
            yield return new ValidationResult($"{prefix}:Url must be an absolute http(s) URL such as http://localhost:6333 (got '{Url}').", [nameof(Url)]);
        }

        if (GrpcUrl is not null && !IsHttpUrl(GrpcUrl))
        {
            yield return new ValidationResult($"{prefix}:GrpcUrl must be an absolute http(s) URL such as http://localhost:6334 (got '{GrpcUrl}').", [nameof(GrpcUrl)]);
        }

        if (string.IsNullOrWhiteSpace(Collection) || Collection.Any(c => c is '/' or '?' or '#' or '%' || char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            yield return new ValidationResult($"{prefix}:Collection must be a non-empty name without '/', '?', '#', '%' or spaces (got '{Collection}').", [nameof(Collection)]);
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return new ValidationResult($"{prefix}:MaxRetries must be between 0 and 10 (got {MaxRetries}).", [nameof(MaxRetries)]);
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult($"{prefix}:RetryBaseDelay must be between 0 and 30 seconds (got {RetryBaseDelay}).", [nameof(RetryBaseDelay)]);
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"{prefix}:RequestTimeout must be positive and at most an hour (got {RequestTimeout}).", [nameof(RequestTimeout)]);
        }

        if (UpsertBatchSize is < 1 or > 10_000)
        {
            yield return new ValidationResult($"{prefix}:UpsertBatchSize must be between 1 and 10000 (got {UpsertBatchSize}).", [nameof(UpsertBatchSize)]);
        }
    }

    /// <inheritdoc />
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) => Validate();

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
