using AgentRec.Cli.Commands.Bench;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec bench</c>: performance measurements; each prints a table and, as its last line, one JSON object.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Performance measurements on this machine; each prints a table and, as its last line, one JSON object.")
    {
        E2eBenchCommand.Create(),
        E2eBenchCommand.CreateLoad(),
        IntentBenchCommand.Create(),
        EncodersBenchCommand.Create(),
        LlmBenchCommand.Create(),
        StartupBenchCommand.Create(),
        VectorsBenchCommand.Create(),
    };
}
