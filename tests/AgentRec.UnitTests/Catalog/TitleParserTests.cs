using AgentRec.Core.Catalog;

namespace AgentRec.UnitTests.Catalog;

public sealed class TitleParserTests
{
    [Theory]
    [InlineData("Toy Story (1995)", "Toy Story", 1995)]
    [InlineData("Matrix, The (1999)", "The Matrix", 1999)]
    [InlineData("Ready Player One (2018) ", "Ready Player One", 2018)]
    [InlineData("Big Bang Theory, The (2007-)", "The Big Bang Theory", 2007)]
    [InlineData("Godfather: Part II, The (1974)", "The Godfather: Part II", 1974)]
    [InlineData("(500) Days of Summer (2009)", "(500) Days of Summer", 2009)]
    [InlineData("Homme, L' (2001)", "L'Homme", 2001)]
    [InlineData("Misérables, Les (1995)", "Les Misérables", 1995)]
    public void Splits_display_title_and_year(string raw, string display, int year)
    {
        var parsed = TitleParser.Parse(raw);

        Assert.Equal(display, parsed.DisplayTitle);
        Assert.Equal(year, parsed.Year);
    }

    [Theory]
    [InlineData("Babylon 5")]
    [InlineData("Hyena Road")]
    [InlineData("Cosmos")]
    public void Title_without_year_has_null_year(string raw)
    {
        var parsed = TitleParser.Parse(raw);

        Assert.Equal(raw, parsed.DisplayTitle);
        Assert.Null(parsed.Year);
    }

    [Fact]
    public void Original_language_title_in_parentheses_becomes_an_alternate_title()
    {
        var parsed = TitleParser.Parse("City of Lost Children, The (Cité des enfants perdus, La) (1995)");

        Assert.Equal("The City of Lost Children", parsed.DisplayTitle);
        Assert.Equal(1995, parsed.Year);
        Assert.Equal(["La Cité des enfants perdus"], parsed.AlternateTitles);
    }

    [Fact]
    public void Aka_title_becomes_an_alternate_title()
    {
        var parsed = TitleParser.Parse("Seven (a.k.a. Se7en) (1995)");

        Assert.Equal("Seven", parsed.DisplayTitle);
        Assert.Equal(["Se7en"], parsed.AlternateTitles);
    }

    [Theory]
    [InlineData("1984 (ABC)", "1984 (ABC)")]
    [InlineData("Movie (12345)", "Movie (12345)")]
    public void Parenthesised_text_that_is_not_a_year_is_not_taken_as_one(string raw, string expectedWithoutYear)
    {
        var parsed = TitleParser.Parse(raw);

        Assert.Null(parsed.Year);
        Assert.Contains(expectedWithoutYear.Split(' ')[0], parsed.DisplayTitle, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The Matrix", "matrix")]
    [InlineData("Matrix", "matrix")]
    [InlineData("  Amélie!! ", "amelie")]
    [InlineData("Schindler's List", "schindlers list")]
    [InlineData("Star Wars: Episode IV - A New Hope", "star wars episode iv a new hope")]
    [InlineData("Wallace & Gromit: The Wrong Trousers", "wallace and gromit the wrong trousers")]
    [InlineData("wallace and gromit", "wallace and gromit")]
    public void Fold_ignores_case_accents_punctuation_and_leading_article(string title, string folded)
    {
        Assert.Equal(folded, TitleParser.Fold(title));
    }

    [FsCheck.Xunit.Property]
    public bool Parse_never_throws_and_never_returns_null_title(string? raw)
    {
        var parsed = TitleParser.Parse(raw ?? string.Empty);
        return parsed.DisplayTitle is not null && parsed.AlternateTitles is not null;
    }
}
