namespace AgentRec.Core.Pipeline;

/// <summary>
/// Thrown by a candidate retriever whose vector store stays unreachable after its own bounded retries; the pipeline
/// answers with an <c>index_unavailable</c> error event.
/// </summary>
public sealed class IndexUnavailableException : Exception
{
    public IndexUnavailableException()
    {
    }

    public IndexUnavailableException(string message)
        : base(message)
    {
    }

    public IndexUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
