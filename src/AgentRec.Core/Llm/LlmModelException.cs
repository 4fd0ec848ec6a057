namespace AgentRec.Core.Llm;

/// <summary>A model folder that cannot be used: a missing or corrupt file, named in the message and in <see cref="FilePath"/>.</summary>
public sealed class LlmModelException : Exception
{
    /// <summary>An error about <paramref name="filePath"/>.</summary>
    public LlmModelException(string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file (or folder) at fault.</summary>
    public string FilePath { get; }
}
