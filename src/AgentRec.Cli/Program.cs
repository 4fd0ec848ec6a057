using AgentRec.Cli.Commands;

var root = new RootCommand("agentrec: the AgentRec command line (catalog ingest, data download, evaluation, models)")
{
    IngestCommand.Create(),
    DataCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    ModelsCommand.Create(),
    McpCommand.Create(),
    ChatCommand.Create(),
    BenchCommand.Create(),
};
return await root.Parse(args).InvokeAsync();

/// <summary>The command line's entry point; internal so it never competes with the service's public Program.</summary>
internal sealed partial class Program;
