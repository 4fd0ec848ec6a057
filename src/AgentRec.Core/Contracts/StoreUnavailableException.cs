namespace AgentRec.Core.Contracts;

/// <summary>
/// A store the answer needs (the vector index, in process or remote) could not serve a request after its own bounded
/// retries; the caller may try again later. Stores translate their own failures into this one type, so the pipeline
/// handles every store the same way, whichever connector is configured.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>The stable error code clients see.</summary>
    public const string ErrorCode = "index_unavailable";

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Which store failed (e.g. "qdrant", "in-process"); null when not said.</summary>
    public string? Store { get; init; }

    /// <summary>The collection or table involved, when there is one.</summary>
    public string? CollectionName { get; init; }

    /// <summary>The operation that failed (e.g. "search", "upsert"), when said.</summary>
    public string? OperationName { get; init; }

    /// <summary>Always <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}
