using AgentRec.Core.Catalog;
using YamlDotNet.RepresentationModel;

namespace AgentRec.UnitTests.Models;

/// <summary>docker-compose.yml declares what the deployment guide relies on (checked without a Docker engine).</summary>
public sealed class DockerComposeTests
{
    private static readonly YamlMappingNode Services = LoadServices();

    [Fact]
    public void Qdrant_keeps_storage_and_snapshots_on_volumes_and_has_a_healthcheck()
    {
        var qdrant = Map(Services, "qdrant");

        Assert.StartsWith("qdrant/qdrant", Scalar(qdrant, "image"), StringComparison.Ordinal);
        var volumes = Seq(qdrant, "volumes").Select(v => ((YamlScalarNode)v).Value!).ToList();
        Assert.Contains(volumes, v => v.EndsWith(":/qdrant/storage", StringComparison.Ordinal));
        Assert.Contains(volumes, v => v.EndsWith(":/qdrant/snapshots", StringComparison.Ordinal));
        Assert.True(qdrant.Children.ContainsKey("healthcheck"));
    }

    [Fact]
    public void Agentrec_uses_qdrant_cuda_and_reserves_an_nvidia_gpu()
    {
        var agentrec = Map(Services, "agentrec");
        var env = Map(agentrec, "environment");

        Assert.Equal("qdrant", Scalar(env, "VectorStore__Provider"));
        Assert.Equal("http://qdrant:6333", Scalar(env, "VectorStore__Qdrant__Url"));
        Assert.Equal("cuda", Scalar(env, "Llm__ExecutionProvider"));
        Assert.Equal("native", Scalar(env, "Llm__Engine"));
        var device = (YamlMappingNode)Seq(Map(Map(Map(agentrec, "deploy"), "resources"), "reservations"), "devices")[0];
        Assert.Equal("nvidia", Scalar(device, "driver"));
        Assert.Contains(Seq(agentrec, "volumes"), v => ((YamlScalarNode)v).Value!.EndsWith(":/models:ro", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_is_optional_under_the_scale_profile()
    {
        var redis = Map(Services, "redis");

        Assert.Equal("scale", ((YamlScalarNode)Seq(redis, "profiles")[0]).Value);
    }

    private static YamlMappingNode LoadServices()
    {
        var root = DataPaths.FindRepositoryRoot() ?? throw new InvalidOperationException("repository root not found");
        using var reader = new StreamReader(Path.Combine(root, "docker-compose.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        return Map((YamlMappingNode)stream.Documents[0].RootNode, "services");
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Seq(YamlMappingNode node, string key) => (YamlSequenceNode)node.Children[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value;
}
