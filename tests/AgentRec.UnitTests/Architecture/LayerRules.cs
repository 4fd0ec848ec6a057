using System.Reflection;
using NetArchTest.Rules;

namespace AgentRec.UnitTests.Architecture;

/// <summary>A layer: top-level namespaces that may import each other (without a cycle) and any layer below.</summary>
internal sealed record Layer(string Name, IReadOnlyList<string> Namespaces);

/// <summary>Types of top-level namespace <paramref name="From"/> that use something of <paramref name="To"/>.</summary>
internal sealed record NamespaceImport(string From, string To, IReadOnlyList<string> Types);

/// <summary>Checks the imports among the top-level namespaces under a root against a layer order.</summary>
internal static class LayerRules
{
    /// <summary>AgentRec.Core's layers, bottom first (docs/DESIGN.md draws them).</summary>
    public static IReadOnlyList<Layer> Core { get; } =
    [
        new("contracts", ["Contracts"]),
        new("formulas", ["Fusion"]),
        new("data", ["Catalog", "State", "Models"]),
        new("model runtimes", ["Embeddings", "Llm"]),
        new("stages", ["People", "Intent", "Retrieval", "Ranking", "Personalization", "Explanation"]),
        new("pipeline", ["Pipeline"]),
        new("offline", ["Training", "Evaluation", "Benchmarking"]),
        new("hosting", ["Hosting"]),
    ];

    /// <summary>The top-level namespaces under <paramref name="root"/> (the third segment of AgentRec.Core.Retrieval.Hnsw is Retrieval).</summary>
    public static IReadOnlyList<string> TopLevelNamespaces(Assembly assembly, string root) =>
        Types.InAssembly(assembly).That().ResideInNamespace(root).GetTypes()
            .Select(t => TopLevel(t.Namespace, root))
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Which top-level namespace under <paramref name="root"/> uses which, with the types that do.</summary>
    public static IReadOnlyList<NamespaceImport> Imports(Assembly assembly, string root)
    {
        var namespaces = TopLevelNamespaces(assembly, root);
        var imports = new List<NamespaceImport>();
        foreach (var from in namespaces)
        {
            foreach (var to in namespaces)
            {
                if (from == to)
                {
                    continue;
                }

                var result = Types.InAssembly(assembly).That().ResideInNamespace($"{root}.{from}")
                    .ShouldNot().HaveDependencyOn($"{root}.{to}").GetResult();
                if (!result.IsSuccessful)
                {
                    imports.Add(new NamespaceImport(from, to, [.. result.FailingTypeNames.Order(StringComparer.Ordinal)]));
                }
            }
        }

        return imports;
    }

    /// <summary>Namespaces that belong to no layer.</summary>
    public static IReadOnlyList<string> Unlayered(IReadOnlyList<Layer> layers, IEnumerable<string> namespaces) =>
        [.. namespaces.Where(n => LayerOf(layers, n) < 0)];

    /// <summary>One line per import of a higher layer's namespace.</summary>
    public static IReadOnlyList<string> BackImports(IReadOnlyList<Layer> layers, IEnumerable<NamespaceImport> imports)
    {
        var violations = new List<string>();
        foreach (var import in imports)
        {
            int from = LayerOf(layers, import.From), to = LayerOf(layers, import.To);
            if (from >= 0 && to > from)
            {
                violations.Add($"{import.From} ({layers[from].Name}) imports {import.To} ({layers[to].Name}) in {string.Join(", ", import.Types)}");
            }
        }

        return violations;
    }

    /// <summary>Every set of namespaces that import each other in a cycle (strongly connected, more than one), sorted.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IEnumerable<NamespaceImport> imports)
    {
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var import in imports)
        {
            Edges(edges, import.From).Add(import.To);
            Edges(edges, import.To);
        }

        // Tarjan's strongly connected components.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges[node])
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] != index[node])
            {
                return;
            }

            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);

            if (component.Count > 1)
            {
                cycles.Add([.. component.Order(StringComparer.Ordinal)]);
            }
        }
    }

    private static List<string> Edges(Dictionary<string, List<string>> edges, string node)
    {
        if (!edges.TryGetValue(node, out var list))
        {
            list = [];
            edges[node] = list;
        }

        return list;
    }

    private static int LayerOf(IReadOnlyList<Layer> layers, string ns)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i].Namespaces.Contains(ns, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string TopLevel(string? ns, string root)
    {
        if (ns is null || !ns.StartsWith(root + ".", StringComparison.Ordinal))
        {
            return "";
        }

        var rest = ns[(root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
