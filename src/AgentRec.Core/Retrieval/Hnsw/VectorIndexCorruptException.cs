namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>A vector index file that is truncated, altered or not an index file; nothing of it was loaded.</summary>
public sealed class VectorIndexCorruptException : Exception
{
    /// <summary>An error about <paramref name="path"/>, saying what is wrong with it.</summary>
    public VectorIndexCorruptException(string path, string reason, Exception? inner = null)
        : base($"Vector index file '{path}' is unusable: {reason}. Delete it to rebuild the index.", inner)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>An error without a file (serialisers and tooling).</summary>
    public VectorIndexCorruptException()
        : this(string.Empty, "unknown")
    {
    }

    /// <summary>An error with a message only.</summary>
    public VectorIndexCorruptException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>An error with a message and a cause.</summary>
    public VectorIndexCorruptException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
