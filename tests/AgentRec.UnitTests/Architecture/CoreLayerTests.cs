using AgentRec.Core.Hosting;

namespace AgentRec.UnitTests.Architecture;

/// <summary>AgentRec.Core's folders import only their own layer and the layers below it, without cycles (docs/DESIGN.md).</summary>
public sealed class CoreLayerTests
{
    private const string CoreRoot = "AgentRec.Core";
    private static readonly Lazy<IReadOnlyList<NamespaceImport>> CoreImports =
        new(() => LayerRules.Imports(typeof(AgentRecCoreExtensions).Assembly, CoreRoot));

    [Fact]
    public void Every_core_namespace_belongs_to_a_layer()
    {
        var namespaces = LayerRules.TopLevelNamespaces(typeof(AgentRecCoreExtensions).Assembly, CoreRoot);

        Assert.Empty(LayerRules.Unlayered(LayerRules.Core, namespaces));
    }

    [Fact]
    public void Core_namespaces_import_only_their_layer_and_the_layers_below()
    {
        var violations = LayerRules.BackImports(LayerRules.Core, CoreImports.Value);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Core_top_level_namespaces_import_each_other_in_no_cycle()
    {
        var cycles = LayerRules.Cycles(CoreImports.Value);

        Assert.True(cycles.Count == 0, string.Join(Environment.NewLine, cycles.Select(c => string.Join(" <-> ", c))));
    }

    [Fact]
    public void A_back_import_in_an_assembly_is_reported()
    {
        const string root = "AgentRec.UnitTests.Architecture.Sample";
        Layer[] layers = [new("low", ["Low"]), new("middle", ["Middle"]), new("high", ["High"])];

        var imports = LayerRules.Imports(typeof(CoreLayerTests).Assembly, root);
        var violations = LayerRules.BackImports(layers, imports);

        var violation = Assert.Single(violations);
        Assert.StartsWith("Low (low) imports High (high) in ", violation, StringComparison.Ordinal);
        Assert.Contains("Sample.Low.SampleLow", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_import_cycle_in_an_assembly_is_reported()
    {
        var imports = LayerRules.Imports(typeof(CoreLayerTests).Assembly, "AgentRec.UnitTests.Architecture.Sample");

        var cycle = Assert.Single(LayerRules.Cycles(imports));
        Assert.Equal(["High", "Low"], cycle);
    }

    [Fact]
    public void A_cycle_within_one_layer_is_reported_though_no_import_points_up()
    {
        Layer[] layers = [new("bottom", ["A"]), new("top", ["B", "C"])];
        NamespaceImport[] imports = [new("B", "A", ["B.X"]), new("C", "B", ["C.Y"]), new("B", "C", ["B.Z"])];

        Assert.Empty(LayerRules.BackImports(layers, imports));
        Assert.Equal(["B", "C"], Assert.Single(LayerRules.Cycles(imports)));
    }

    [Fact]
    public void A_namespace_outside_the_layers_is_reported()
    {
        Layer[] layers = [new("bottom", ["A"])];

        Assert.Equal(["Z"], LayerRules.Unlayered(layers, ["A", "Z"]));
    }
}
