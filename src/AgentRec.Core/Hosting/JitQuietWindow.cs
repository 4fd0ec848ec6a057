namespace AgentRec.Core.Hosting;

/// <summary>
/// Whether this process's JIT has gone quiet: fewer than <see cref="QuietMethodsPerSecond"/> methods compiled in a
/// window of a second or a little more, which is when the hot code has been recompiled at its optimised tier. The start-up
/// warm-up and the benches' warm-ups stop on it.
/// </summary>
public sealed class JitQuietWindow
{
    /// <summary>The compile rate below which the process counts as warm.</summary>
    public const int QuietMethodsPerSecond = 20;

    private long _started = Stopwatch.GetTimestamp();
    private long _compiled = System.Runtime.JitInfo.GetCompiledMethodCount();

    /// <summary>
    /// True when a second or more has passed since the window opened and fewer than <see cref="QuietMethodsPerSecond"/>
    /// methods were compiled in it; a full window that was not quiet opens the next one. False before a second has
    /// passed.
    /// </summary>
    public bool WentQuiet()
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        if (seconds < 1)
        {
            return false;
        }

        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        if (compiled - _compiled < QuietMethodsPerSecond)
        {
            return true;
        }

        _started = Stopwatch.GetTimestamp();
        _compiled = compiled;
        return false;
    }
}
