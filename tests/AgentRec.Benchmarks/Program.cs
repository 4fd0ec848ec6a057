using AgentRec.Benchmarks;
using BenchmarkDotNet.Running;

if (args is ["qdrant-connector", .. var rest])
{
    return await QdrantConnectorMeasure.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
