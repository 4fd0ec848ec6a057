using AgentRec.Core.Catalog;
using AgentRec.Core.Evaluation;
using Xunit.Abstractions;

namespace AgentRec.UnitTests.Intent;

/// <summary>The rule parser on the project's own labelled request sets (Intent/Data/README.md says how they were made).</summary>
[Collection(CatalogCollection.Name)]
public sealed class IntentSetTests(CatalogFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("intent-set-a.jsonl", 110)]
    [InlineData("intent-set-b.jsonl", 110)]
    [InlineData("intent-set-c.jsonl", 150)]
    [InlineData("intent-set-d.jsonl", 150)]
    [InlineData("intent-set-e.jsonl", 150)]
    public async Task Rule_parser_keeps_its_exact_match_on_each_labelled_set(string file, int examples)
    {
        var root = DataPaths.FindRepositoryRoot();
        Assert.NotNull(root);
        var path = Path.Combine(root, "tests", "AgentRec.UnitTests", "Intent", "Data", file);

        var result = await IntentEvaluation.RunAsync(fixture.Parser, path, CancellationToken.None);

        foreach (var m in result.Mismatches)
        {
            output.WriteLine($"{m.Query} | {m.Slot} | expected {m.Expected} | actual {m.Actual}");
        }

        Assert.Equal(examples, result.Examples);
        Assert.True(result.ExactMatch >= 0.95, $"{file}: {result.ToSummaryJson()}\n" + string.Join("\n", result.Mismatches));
    }
}
