namespace AgentRec.Core.Llm;

/// <summary>
/// Something the local LLM cannot use, named in the message and in <see cref="Subject"/>: a model file
/// (<see cref="LlmModelException"/>) or a response format (<see cref="LlmConstraintException"/>).
/// </summary>
public abstract class LlmException(string subject, string message, Exception? innerException)
    : Exception(message, innerException)
{
    /// <summary>The file, folder, schema or grammar at fault.</summary>
    public string Subject { get; } = subject;
}

/// <summary>A model folder that cannot be used: a missing or corrupt file, named in the message and in <see cref="FilePath"/>.</summary>
public sealed class LlmModelException(string filePath, string message, Exception? innerException = null)
    : LlmException(filePath, message, innerException)
{
    /// <summary>The file (or folder) at fault.</summary>
    public string FilePath => Subject;
}

/// <summary>A response format (JSON schema or grammar) that constrained decoding cannot use: invalid, or one no output can satisfy.</summary>
public sealed class LlmConstraintException(string constraint, string message, Exception? innerException = null)
    : LlmException(constraint, message, innerException)
{
    /// <summary>The schema or grammar text at fault.</summary>
    public string Constraint => Subject;
}
