using System.ComponentModel.DataAnnotations;
using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.Core.Retrieval.Qdrant;

/// <summary>Which store holds the item vectors of the hybrid retriever. Section <c>VectorStore</c>.</summary>
public sealed class VectorStoreOptions : IValidatableObject
{
    public const string SectionName = "VectorStore";

    /// <summary>The in-process collection (default).</summary>
    public const string InProcess = "inprocess";

    /// <summary>A Qdrant server over its REST API.</summary>
    public const string QdrantProvider = "qdrant";

    /// <summary><c>inprocess</c> or <c>qdrant</c>.</summary>
    [RegularExpression("^(?i)(inprocess|qdrant)$", ErrorMessage = "VectorStore:Provider must be 'inprocess' or 'qdrant'.")]
    public string Provider { get; set; } = InProcess;

    /// <summary>Qdrant connection settings, read when <see cref="Provider"/> is <c>qdrant</c>.</summary>
    public QdrantOptions Qdrant { get; set; } = new();

    /// <summary>When the in-process collection searches through an HNSW graph, and the graph's shape. Section <c>VectorStore:Ann</c>.</summary>
    public AnnIndexOptions Ann { get; set; } = new();

    /// <summary>True when Qdrant is selected.</summary>
    public bool UsesQdrant => string.Equals(Provider, QdrantProvider, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = UsesQdrant ? Qdrant.Validate($"{SectionName}:Qdrant").ToList() : [];
        try
        {
            Ann.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            errors.Add(new ValidationResult($"{SectionName}:Ann:{e.ParamName} is out of range (got {e.ActualValue}): {e.Message.Split(Environment.NewLine)[0]}", [nameof(Ann)]));
        }

        return errors;
    }
}

/// <summary>Where the Qdrant server is and how to talk to it. Section <c>VectorStore:Qdrant</c>.</summary>
public sealed class QdrantOptions
{
    /// <summary>Base URL of Qdrant's REST API, e.g. http://localhost:6333.</summary>
    public string Url { get; set; } = "http://localhost:6333";

    /// <summary>Sent as the <c>api-key</c> header when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Name of the collection holding the item vectors.</summary>
    public string Collection { get; set; } = "agentrec-items";

    /// <summary>Retries of a failed idempotent call (connection refused, 429, 5xx) before giving up.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; each later retry waits twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time limit of one HTTP call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Points sent per upsert call.</summary>
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>The validation errors of these settings, each naming its configuration key under <paramref name="prefix"/>.</summary>
    public IEnumerable<ValidationResult> Validate(string prefix)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"{prefix}:Url must be an absolute http(s) URL such as http://localhost:6333 (got '{Url}').", [nameof(Url)]);
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

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{prefix}:RequestTimeout must be positive (got {RequestTimeout}).", [nameof(RequestTimeout)]);
        }

        if (UpsertBatchSize is < 1 or > 10_000)
        {
            yield return new ValidationResult($"{prefix}:UpsertBatchSize must be between 1 and 10000 (got {UpsertBatchSize}).", [nameof(UpsertBatchSize)]);
        }
    }
}
