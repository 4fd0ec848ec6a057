namespace AgentRec.Core.Llm;

/// <summary>A response format (JSON schema or grammar) that constrained decoding cannot use: invalid, or one no output can satisfy.</summary>
public sealed class LlmConstraintException : Exception
{
    /// <summary>An error about the constraint <paramref name="constraint"/>.</summary>
    public LlmConstraintException(string constraint, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Constraint = constraint;
    }

    /// <summary>The schema or grammar text at fault.</summary>
    public string Constraint { get; }
}
