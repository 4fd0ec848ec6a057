namespace AgentRec.Core.Evaluation;

/// <summary>An intent evaluation file that cannot be read: names the file and the 1-based line at fault.</summary>
public sealed class IntentEvaluationInputException : Exception
{
    public IntentEvaluationInputException()
    {
    }

    public IntentEvaluationInputException(string message)
        : base(message)
    {
    }

    public IntentEvaluationInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for <paramref name="path"/> at <paramref name="line"/>.</summary>
    public IntentEvaluationInputException(string path, int line, string problem, Exception? innerException = null)
        : base($"{path}:{line}: {problem}", innerException)
    {
        FilePath = path;
        LineNumber = line;
    }

    /// <summary>The file that could not be read.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line at fault; 0 when the whole file is at fault.</summary>
    public int LineNumber { get; }
}
