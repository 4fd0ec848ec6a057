using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval.Stores;

/// <summary>The vector store could not be reached (or kept failing) after the bounded retries; callers may try later.</summary>
public sealed class VectorStoreUnavailableException : VectorStoreException
{
    /// <summary>The stable error code clients see.</summary>
    public const string ErrorCode = "index_unavailable";

    public VectorStoreUnavailableException()
    {
    }

    public VectorStoreUnavailableException(string message)
        : base(message)
    {
    }

    public VectorStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Always <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}

/// <summary>The named collection does not exist on the server.</summary>
public sealed class VectorStoreCollectionNotFoundException : VectorStoreException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "collection_not_found";

    public VectorStoreCollectionNotFoundException()
    {
    }

    public VectorStoreCollectionNotFoundException(string message)
        : base(message)
    {
    }

    public VectorStoreCollectionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Always <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}
