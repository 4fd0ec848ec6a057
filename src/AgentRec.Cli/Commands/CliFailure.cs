namespace AgentRec.Cli.Commands;

/// <summary>
/// How commands report a failure: of their input (a catalog, file or download that is missing or malformed), its message
/// in red and exit code 1; of the command line, the message in red and exit code 2.
/// </summary>
internal static class CliFailure
{
    /// <summary>Runs <paramref name="action"/>; an exception that <paramref name="isInputFailure"/> accepts is reported and gives exit code 1.</summary>
    public static async Task<int> ReportAsync(Func<Task<int>> action, Func<Exception, bool> isInputFailure)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (isInputFailure(ex))
        {
            return Exit(ex);
        }
    }

    /// <summary>Writes <paramref name="markup"/> as an error about the command line itself (an option out of range, a missing input) and returns exit code 2.</summary>
    public static int Usage(string markup)
    {
        AnsiConsole.MarkupLine("[red]error:[/] " + markup);
        return 2;
    }

    /// <summary>Writes <paramref name="failure"/>'s message as an error and returns exit code 1.</summary>
    public static int Exit(Exception failure)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {failure.Message}");
        return 1;
    }
}
