using Microsoft.Extensions.VectorData;

namespace AgentRec.Core.Retrieval.Stores;

/// <summary>The named collection does not exist on the server.</summary>
public sealed class VectorStoreCollectionNotFoundException : VectorStoreException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "collection_not_found";

    public VectorStoreCollectionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Always <see cref="ErrorCode"/>.</summary>
    public string Code => ErrorCode;
}
