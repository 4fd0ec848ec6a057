using System.Globalization;
using System.Text;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Evaluation;
using AgentRec.Core.Training;

namespace AgentRec.UnitTests.Evaluation;

public sealed class ParaphraseTaskTests
{
    [Fact]
    public void Embedded_table_loads_with_its_source_and_restates_genres_and_tags()
    {
        var table = ParaphraseTable.Default;

        Assert.Contains("curated", table.Source, StringComparison.OrdinalIgnoreCase);
        Assert.True(table.Count >= 200, $"{table.Count} keys");
        Assert.Contains("scary", table.For("Horror"));
        Assert.Contains("bleak future society", table.For("dystopia"));
        Assert.NotEmpty(table.For("Sci-Fi"));
        Assert.NotEmpty(table.For("young-adult"));
        Assert.Empty(table.For("no such tag"));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"paraphrases": {"horror": ["scary"]}}""")]
    [InlineData("""{"source": "team", "paraphrases": {"horror": "scary"}}""")]
    [InlineData("""{"source": "team", "paraphrases": {"horror": []}}""")]
    [InlineData("""{"source": "team", "paraphrases": {"Sci-Fi": ["space"], "sci fi": ["future"]}}""")]
    public void Malformed_table_is_an_error_naming_the_file(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentrec-paraphrases-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ParaphraseTable.LoadFile(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_table_file_is_an_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentrec-missing-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<InvalidDataException>(() => ParaphraseTable.LoadFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_queries_share_no_word_with_their_items_text()
    {
        var catalog = new ItemCatalog(
        [
            Movie("1", "Night of Fear", ["Horror"], ["zombies"]),
            Movie("2", "Laughing Matters", ["Comedy", "Romance"], ["time travel"]),
            Movie("3", "The Scary Frightening Terrifying Undead", ["Horror"], ["zombies", "walking dead"]),
            Movie("4", "Beyond", ["Sci-Fi"], ["space"]),
        ]);
        var heldOut = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["1"] = ["dystopia"],
            ["2"] = ["funny"],
            // Every phrase of every term is in this item's text: it gets no query.
            ["3"] = ["zombies"],
            ["4"] = ["aliens"],
            ["unknown"] = ["horror"],
        };

        var queries = ParaphraseQueries.Build(catalog, heldOut, ParaphraseTable.Default, 100, new Random(7));

        Assert.Equal([0, 1, 3], queries.Select(q => q.Target).Order());
        foreach (var query in queries)
        {
            var text = TextTokens.Tokenize(catalog.Items[query.Target].Description, dropStopWords: true).ToHashSet(StringComparer.Ordinal);
            Assert.DoesNotContain(TextTokens.Tokenize(query.Text, dropStopWords: true), text.Contains);
            Assert.Equal(-1, query.SourceItem);
        }
    }

    [Fact]
    public void Generated_queries_are_the_same_for_the_same_seed_and_capped()
    {
        var items = Enumerable.Range(1, 40).Select(i => Movie($"{i}", $"Item {i}", ["Horror", "Comedy"], ["space"])).ToArray();
        var catalog = new ItemCatalog(items);
        var heldOut = items.ToDictionary(i => i.Id, _ => new List<string> { "dystopia", "time travel" }, StringComparer.Ordinal);

        var a = ParaphraseQueries.Build(catalog, heldOut, ParaphraseTable.Default, 10, new Random(7));
        var b = ParaphraseQueries.Build(catalog, heldOut, ParaphraseTable.Default, 10, new Random(7));

        Assert.Equal(10, a.Count);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Paraphrase_task_follows_the_other_tasks_in_the_table_and_the_json()
    {
        var r = new RetrievalRecall(0.1, 0.2);
        var task = new RetrievalTaskResult(10, r, r, r, r);
        var paraphrase = new RetrievalTaskResult(5, r, r, r, r)
        {
            Pretrained = [new RetrievalMethodRecall("arctic-xs", new RetrievalRecall(0.3, 0.4))],
        };
        var result = new RetrievalEvaluationResult(task, task, 1, 1, 1, 1, 0, TimeSpan.Zero) { Paraphrase = paraphrase };

        var json = result.ToSummaryJson();

        Assert.Equal(["tagQuery", "coLiked", "paraphrase"], result.Rows.Select(row => row.Task).Distinct());
        Assert.Equal(("paraphrase", "arctic-xs", 0.3, 0.4), result.Rows[^1]);
        Assert.Contains("},\"paraphrase\":{\"lexical\":{\"recallAt10\":0.1,\"recallAt50\":0.2},", json, StringComparison.Ordinal);
        Assert.EndsWith(",\"arctic-xs\":{\"recallAt10\":0.3,\"recallAt50\":0.4}}}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluation_reports_the_paraphrase_task_on_a_movielens_folder()
    {
        var folder = Directory.CreateTempSubdirectory("agentrec-paraphrase-").FullName;
        try
        {
            WriteFolder(folder);
            var options = new RetrievalEvaluationOptions { TuneFusion = false, Training = EncoderTrainingOptions.Tiny(), HoldOutFraction = 0.5 };

            var result = RetrievalEvaluation.Run(folder, options);

            Assert.NotNull(result.Paraphrase);
            Assert.True(result.Paraphrase.Queries > 0, result.ToSummaryJson());
            Assert.Contains("\"paraphrase\":{\"lexical\":", result.ToSummaryJson(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Adapter_rows_map_vectors_through_the_adapter_to_unit_length()
    {
        var adapter = new AgentRec.Core.Embeddings.Adapter.LinearAdapter(2, 2, [2, 0, 0, 1]);

        var mapped = PretrainedAdapterRows.Apply(adapter, [[1, 1], [0, 3]]);

        Assert.Equal(2 / MathF.Sqrt(5), mapped[0][0], 1e-6f);
        Assert.Equal(1 / MathF.Sqrt(5), mapped[0][1], 1e-6f);
        Assert.Equal([0f, 1f], mapped[1]);
    }

    private static CatalogItem Movie(string id, string title, string[] genres, string[] tags) =>
        new(id, title, title, 2000, genres, tags, ItemText.Describe(title, 2000, genres, tags, [], []), 10, 4, ItemDomain.Movie);

    /// <summary>A small MovieLens-format folder: 30 movies, each tagged with two terms the table restates, rated by 20 users.</summary>
    private static void WriteFolder(string folder)
    {
        string[] genres = ["Horror", "Comedy", "Sci-Fi", "Drama", "Western"];
        string[] tags = ["dystopia", "time travel", "zombies", "heist", "robots", "boxing"];
        var movies = new StringBuilder("movieId,title,genres\n");
        var tagRows = new StringBuilder("userId,movieId,tag,timestamp\n");
        var ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (var m = 1; m <= 30; m++)
        {
            movies.Append(CultureInfo.InvariantCulture, $"{m},Picture {m} ({1980 + m}),{genres[m % 5]}|{genres[(m + 2) % 5]}\n");
            tagRows.Append(CultureInfo.InvariantCulture, $"1,{m},{tags[m % 6]},1\n1,{m},{tags[(m + 1) % 6]},2\n");
        }

        for (var u = 1; u <= 20; u++)
        {
            for (var m = 1; m <= 30; m++)
            {
                if ((u + m) % 3 == 0)
                {
                    ratings.Append(CultureInfo.InvariantCulture, $"{u},{m},{(m % 2 == 0 ? 4.5 : 2.0)},{m}\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, "movies.csv"), movies.ToString());
        File.WriteAllText(Path.Combine(folder, "tags.csv"), tagRows.ToString());
        File.WriteAllText(Path.Combine(folder, "ratings.csv"), ratings.ToString());
    }
}
