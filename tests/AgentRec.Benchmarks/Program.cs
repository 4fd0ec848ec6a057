using AgentRec.Benchmarks;
using BenchmarkDotNet.Running;

if (args is ["qdrant-transport", .. var rest])
{
    return await QdrantTransportComparison.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
