using System.Text.Json;
using AgentRec.Core.Evaluation.Answers;

namespace AgentRec.UnitTests.Evaluation;

public sealed class AnswerJudgeTests
{
    private static readonly JudgedItem Matrix = Movie("2571", "Matrix, The (1999)", 1999, ["Action", "Sci-Fi", "Thriller"], ["cyberpunk", "Philosophical"], 278, 4.19);
    private static readonly JudgedItem Reloaded = Movie("6365", "Matrix Reloaded, The (2003)", 2003, ["Action", "Sci-Fi"], [], 81, 3.3);
    private static readonly JudgedItem Revolutions = Movie("6934", "Matrix Revolutions, The (2003)", 2003, ["Action", "Sci-Fi"], [], 64, 2.9);
    private static readonly JudgedItem Alien = Movie("1214", "Alien (1979)", 1979, ["Horror", "Sci-Fi"], ["space", "aliens"], 146, 4.0);
    private static readonly JudgedItem Airplane = Movie("2791", "Airplane! (1980)", 1980, ["Comedy"], ["spoof"], 89, 3.8);
    private static readonly JudgedItem Obscure = Movie("99999", "Obscure Space Film (2010)", 2010, ["Sci-Fi"], [], 2, 5.0);
    private static readonly JudgedItem Emma = Book("book-1", "Emma", "Emma", 1815, ["classics", "romance"], "Jane Austen", 500_000, 4.0);
    private static readonly JudgedItem Dune = Book("book-2", "Dune (Dune Chronicles, #1)", "Dune", 1965, ["science-fiction", "sci-fi"], "Frank Herbert", 600_000, 4.2);
    private static readonly JudgedItem Pamphlet = Book("book-3", "A Small Pamphlet", "", 2001, ["science-fiction"], "Nobody", 100, 3.0);

    private static readonly AnswerJudge Judge = new(AnswerFacts.From([Matrix, Reloaded, Revolutions, Alien, Airplane, Obscure, Emma, Dune, Pamphlet]));

    [Theory]
    [InlineData("""{"genre": "Sci-Fi"}""", "2571", true)]
    [InlineData("""{"genre": "sci-fi"}""", "2571", false)]
    [InlineData("""{"tag": "CYBER"}""", "2571", true)]
    [InlineData("""{"tag": "space"}""", "2571", false)]
    [InlineData("""{"tag": "science"}""", "book-2", false)]
    [InlineData("""{"booktag": "science"}""", "book-2", true)]
    [InlineData("""{"booktag": "space"}""", "1214", false)]
    [InlineData("""{"title": "matrix"}""", "6365", true)]
    [InlineData("""{"title": "Dune"}""", "book-2", true)]
    [InlineData("""{"title": "Emma"}""", "book-1", true)]
    [InlineData("""{"author": "Austen"}""", "book-1", true)]
    [InlineData("""{"author": "Austen"}""", "2571", false)]
    [InlineData("""{"yearFrom": 1999}""", "2571", true)]
    [InlineData("""{"yearFrom": 2000}""", "2571", false)]
    [InlineData("""{"yearTo": 1999}""", "2571", true)]
    [InlineData("""{"yearTo": 1998}""", "2571", false)]
    [InlineData("""{"minRatings": 278}""", "2571", true)]
    [InlineData("""{"minRatings": 279}""", "2571", false)]
    [InlineData("""{"minRatings": 5000}""", "book-1", true)]
    [InlineData("""{"minAvg": 4.19}""", "2571", true)]
    [InlineData("""{"minAvg": 4.2}""", "2571", false)]
    [InlineData("""{"domain": "book"}""", "book-1", true)]
    [InlineData("""{"domain": "movie"}""", "book-1", false)]
    [InlineData("""{"all": [{"genre": "Action"}, {"yearFrom": 2000}]}""", "6365", true)]
    [InlineData("""{"all": [{"genre": "Action"}, {"yearFrom": 2000}]}""", "2571", false)]
    [InlineData("""{"any": [{"genre": "Comedy"}, {"tag": "space"}]}""", "1214", true)]
    [InlineData("""{"any": [{"genre": "Comedy"}, {"tag": "space"}]}""", "2571", false)]
    [InlineData("""{"not": {"genre": "Horror"}}""", "1214", false)]
    [InlineData("""{"not": {"genre": "Horror"}}""", "2791", true)]
    [InlineData("""{"genre": "Sci-Fi", "yearTo": 1980}""", "1214", true)]
    public void Leaves_and_combinators_are_judged_on_the_catalog_facts(string predicate, string itemId, bool expected)
    {
        var parsed = AnswerPredicate.Parse(JsonDocument.Parse(predicate).RootElement, "relevant");

        Assert.Equal(expected, parsed.Matches(Judge.FactsFor(itemId)));
    }

    [Theory]
    [InlineData("""{"director": "Nolan"}""", "unknown predicate key 'director'")]
    [InlineData("""{"any": []}""", "non-empty array")]
    [InlineData("""{"yearFrom": "1990"}""", "expects an integer")]
    [InlineData("""{"domain": "music"}""", "not a domain")]
    [InlineData("""[]""", "must be a JSON object")]
    public void A_malformed_predicate_is_an_error_naming_the_line_and_place(string predicate, string message)
    {
        var line = $$$"""{"id": "x", "turns": ["hi"], "relevant": {"all": [{"genre": "Drama"}, {{{predicate}}}]}}""";

        var error = Assert.Throws<AnswerEvaluationInputException>(() => AnswerCaseReader.Parse(line, "cases.jsonl", 7));

        Assert.StartsWith("cases.jsonl line 7: relevant.all[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"turns": ["hi"], "relevant": {"genre": "Drama"}}""", "'id'")]
    [InlineData("""{"id": "x", "turns": [], "relevant": {"genre": "Drama"}}""", "'turns'")]
    [InlineData("""{"id": "x", "turns": ["hi"]}""", "'relevant' is missing")]
    [InlineData("""{"id": "x", "turns": ["hi"], "relevant": {"genre": "Drama"}, "count": 0}""", "'count'")]
    [InlineData("""{"id": "x", "turns": ["hi"], "relevant": {"genre": "Drama"}, "cap": {"max": 1}}""", "'cap' needs")]
    [InlineData("""{"id": "x", "turns": ["hi"], "relevant": {"genre": "Drama"}, "domain": "music"}""", "'domain'")]
    [InlineData("""{"id": "x", "turns": ["hi"], """, "line 3")]
    public void A_malformed_case_is_an_error_naming_the_line(string line, string message)
    {
        var error = Assert.Throws<AnswerEvaluationInputException>(() => AnswerCaseReader.Parse(line, "cases.jsonl", 3));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_item_fitting_the_request_over_the_floor_scores_one()
    {
        var verdict = Judge.Judge(Case("""{"genre": "Sci-Fi"}""", count: 2), ["2571", "1214"]);

        Assert.Equal(1, verdict.Score);
        Assert.All(verdict.Items, i => Assert.Equal(ItemVerdict.Good, i.Verdict));
    }

    [Fact]
    public void An_item_under_the_floor_is_junk_even_when_it_fits()
    {
        var verdict = Judge.Judge(Case("""{"genre": "Sci-Fi"}""", count: 2), ["2571", "99999"]);

        Assert.Equal(0.5, verdict.Score);
        Assert.Equal(ItemVerdict.UnderFloor, verdict.Items[1].Verdict);
        Assert.Equal(1, verdict.Junk);
    }

    [Fact]
    public void Items_over_the_cap_do_not_count_as_good()
    {
        var @case = Case("""{"genre": "Sci-Fi"}""", count: 4, cap: """{"max": 1, "match": {"title": "Matrix"}}""");

        var verdict = Judge.Judge(@case, ["2571", "6365", "6934", "1214"]);

        Assert.Equal([ItemVerdict.Good, ItemVerdict.OverCap, ItemVerdict.OverCap, ItemVerdict.Good], verdict.Items.Select(i => i.Verdict));
        Assert.Equal(0.5, verdict.Score);
        // The catalog holds Alien and one Matrix film as right answers: the cap applies to what it holds too.
        Assert.Equal(2, verdict.Held);
    }

    [Fact]
    public void A_short_answer_is_scored_against_what_the_catalog_could_give()
    {
        // Sci-Fi over the floor: Matrix, Reloaded, Revolutions, Alien; three asked, one returned.
        var verdict = Judge.Judge(Case("""{"genre": "Sci-Fi"}""", count: 3), ["2571"]);

        Assert.Equal(4, verdict.Held);
        Assert.Equal(3, verdict.Due);
        Assert.True(verdict.IsShort);
        Assert.Equal(1.0 / 3, verdict.Score, 6);
    }

    [Fact]
    public void A_short_answer_is_not_penalised_when_the_catalog_holds_no_more()
    {
        var verdict = Judge.Judge(Case("""{"all": [{"genre": "Sci-Fi"}, {"yearTo": 1980}]}""", count: 5), ["1214"]);

        Assert.Equal(1, verdict.Held);
        Assert.False(verdict.IsShort);
        Assert.Equal(1, verdict.Score);
    }

    [Fact]
    public void Fewer_items_than_min_items_score_zero()
    {
        var verdict = Judge.Judge(Case("""{"genre": "Sci-Fi"}""", count: 1, minItems: 2), ["2571"]);

        Assert.Equal(0, verdict.Score);
        Assert.True(verdict.IsShort);
    }

    [Fact]
    public void Nothing_returned_when_the_catalog_holds_nothing_right_scores_one_and_anything_returned_scores_zero()
    {
        var unknown = Case("""{"author": "Nonexistent Writer"}""", count: 3, minItems: 0, domain: "book");

        Assert.Equal(1, Judge.Judge(unknown, []).Score);
        Assert.Equal(0, Judge.Judge(unknown, ["book-1"]).Score);
    }

    [Fact]
    public void An_item_of_another_domain_is_off_the_request()
    {
        var verdict = Judge.Judge(Case("""{"booktag": "science-fiction"}""", count: 2, domain: "book", floor: """{"minRatings": 5000}"""), ["book-2", "2571"]);

        Assert.Equal([ItemVerdict.Good, ItemVerdict.OtherDomain], verdict.Items.Select(i => i.Verdict));
        // Only Dune holds (the pamphlet is under the floor): one due, two returned.
        Assert.Equal(0.5, verdict.Score);
    }

    [Fact]
    public void An_id_the_catalog_files_do_not_hold_is_junk()
    {
        var verdict = Judge.Judge(Case("""{"genre": "Sci-Fi"}""", count: 1), ["no-such-id"]);

        Assert.Equal(ItemVerdict.NotInCatalog, verdict.Items[0].Verdict);
        Assert.Equal(1, verdict.Junk);
        Assert.Equal(0, verdict.Score);
    }

    [Fact]
    public void Language_split_counts_a_case_as_chinese_when_any_turn_holds_cjk_text()
    {
        var english = AnswerCaseReader.Parse("""{"id": "a", "turns": ["some comedies", "older ones"], "relevant": {"genre": "Comedy"}}""", "f", 1);
        var chinese = AnswerCaseReader.Parse("""{"id": "b", "turns": ["some comedies", "老一点的"], "relevant": {"genre": "Comedy"}}""", "f", 2);
        var result = new AnswerEvaluationResult(
        [
            new AnswerCaseOutcome(english, Judge.Judge(english, ["2791"]), null, null),
            new AnswerCaseOutcome(chinese, Judge.Judge(chinese, ["2571"]), null, null),
        ]);

        Assert.False(english.IsChinese);
        Assert.True(chinese.IsChinese);
        Assert.Equal(1, result.PrecisionEn);
        Assert.Equal(0, result.PrecisionZh);
        Assert.Equal(0.5, result.Precision);
        Assert.Equal(1, result.Perfect);
        Assert.Equal(1, result.Zero);
    }

    [Fact]
    public void Summary_line_has_the_contract_keys_in_order()
    {
        var @case = Case("""{"genre": "Sci-Fi"}""", count: 2);
        var result = new AnswerEvaluationResult(
        [
            new AnswerCaseOutcome(@case, Judge.Judge(@case, ["2571", "99999"]), null, null),
            new AnswerCaseOutcome(@case, Judge.Judge(@case, []), null, "HTTP 500"),
        ]);

        var json = JsonDocument.Parse(result.ToSummaryJson()).RootElement;

        Assert.Equal(["cases", "precision", "precisionEn", "precisionZh", "perfect", "zero", "junkRate", "short", "errors"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, json.GetProperty("cases").GetInt32());
        Assert.Equal(0.25, json.GetProperty("precision").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("precisionZh").ValueKind);
        Assert.Equal(0.5, json.GetProperty("junkRate").GetDouble());
        Assert.Equal(1, json.GetProperty("errors").GetInt32());
        Assert.Equal(1, json.GetProperty("zero").GetInt32());
    }

    private static AnswerCase Case(string relevant, int count, int minItems = 1, string domain = "movie", string floor = """{"minRatings": 10}""", string? cap = null) =>
        AnswerCaseReader.Parse(
            $$"""{"id": "t", "turns": ["request"], "relevant": {{relevant}}, "floor": {{floor}}, "count": {{count}}, "minItems": {{minItems}}, "domain": "{{domain}}"{{(cap is null ? "" : ", \"cap\": " + cap)}}}""",
            "test.jsonl", 1);

    private static JudgedItem Movie(string id, string title, int year, string[] genres, string[] tags, int ratings, double mean) =>
        new(id, JudgedDomain.Movie, [title], year, genres, tags, null, ratings, mean);

    private static JudgedItem Book(string id, string title, string original, int year, string[] tags, string authors, int ratings, double mean) =>
        new(id, JudgedDomain.Book, original.Length > 0 ? [title, original] : [title], year, [], tags, authors, ratings, mean);
}

internal static class AnswerJudgeTestExtensions
{
    public static JudgedItem FactsFor(this AnswerJudge judge, string id) => judge.Facts.Find(id) ?? throw new InvalidOperationException(id);
}
