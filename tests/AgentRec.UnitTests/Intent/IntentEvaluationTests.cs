using AgentRec.Core.Catalog;
using AgentRec.Core.Evaluation;
using Xunit.Abstractions;

namespace AgentRec.UnitTests.Intent;

[Collection(CatalogCollection.Name)]
public sealed class IntentEvaluationTests(CatalogFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Rule_parser_reaches_high_exact_match_on_the_shared_sample()
    {
        var path = DataPaths.FindShared("eval/intent-sample.jsonl");
        Assert.NotNull(path);

        var result = await IntentEvaluation.RunAsync(fixture.Parser, path, CancellationToken.None);

        foreach (var m in result.Mismatches)
        {
            output.WriteLine($"{m.Query} | {m.Slot} | expected {m.Expected} | actual {m.Actual}");
        }

        output.WriteLine(result.ToSummaryJson());
        Assert.Equal(20, result.Examples);
        Assert.True(result.ExactMatch >= 0.9, string.Join("\n", result.Mismatches) + "\n" + result.ToSummaryJson());
    }

    [Fact]
    public async Task Summary_json_has_the_contract_keys_in_order()
    {
        var path = DataPaths.FindShared("eval/intent-sample.jsonl")!;

        var json = (await IntentEvaluation.RunAsync(fixture.Parser, path, CancellationToken.None)).ToSummaryJson();

        Assert.Matches(
            "^\\{\"examples\":20,\"exactMatch\":[0-9.]+,\"slotAccuracy\":\\{\"action\":[0-9.]+,\"genres\":[0-9.]+,\"excludeGenres\":[0-9.]+,"
            + "\"yearFrom\":[0-9.]+,\"yearTo\":[0-9.]+,\"similarTo\":[0-9.]+,\"sort\":[0-9.]+,\"count\":[0-9.]+\\}\\}$",
            json);
    }

    [Fact]
    public async Task Malformed_line_names_the_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"intent-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path,
        [
            "{\"query\": \"hi\", \"intent\": {\"action\": \"smalltalk\"}}",
            "",
            "{\"query\": \"broken\", \"intent\": {",
        ]);
        try
        {
            var ex = await Assert.ThrowsAsync<IntentEvaluationInputException>(
                () => IntentEvaluation.RunAsync(fixture.Parser, path, CancellationToken.None));

            Assert.Equal(3, ex.LineNumber);
            Assert.Contains(path + ":3", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Line_without_query_is_rejected_with_its_line_number()
    {
        var path = Path.Combine(Path.GetTempPath(), $"intent-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, "{\"intent\": {\"action\": \"recommend\"}}\n");
        try
        {
            var ex = await Assert.ThrowsAsync<IntentEvaluationInputException>(
                () => IntentEvaluation.RunAsync(fixture.Parser, path, CancellationToken.None));

            Assert.Equal(1, ex.LineNumber);
            Assert.Contains("query", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Mismatches_name_the_query_slot_and_both_values()
    {
        var path = Path.Combine(Path.GetTempPath(), $"intent-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path,
            "{\"query\": \"five comedies\", \"intent\": {\"action\": \"recommend\", \"genres\": [\"Drama\"], \"count\": 5}}\n");
        try
        {
            var result = await IntentEvaluation.RunAsync(fixture.Parser, path, CancellationToken.None);

            var mismatch = Assert.Single(result.Mismatches);
            Assert.Equal(("five comedies", "genres", "[Drama]", "[Comedy]"), (mismatch.Query, mismatch.Slot, mismatch.Expected, mismatch.Actual));
            Assert.Equal(0, result.ExactMatch);
            Assert.Equal(1, result.SlotAccuracy["count"]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
