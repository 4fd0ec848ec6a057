using AgentRec.Core.Catalog;

namespace AgentRec.UnitTests.Catalog;

public sealed class CsvAndLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-ml-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var rows = CsvRows.Read(new StringReader("a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\n3,4\n"), out var header).ToList();

        Assert.Equal(["a", "b"], header);
        Assert.Equal(["x, \"y\"", "two\nlines"], rows[0].Fields);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(4, rows[1].Line);
    }

    [Fact]
    public void Unterminated_quote_is_reported_with_its_line()
    {
        var rows = CsvRows.Read(new StringReader("a,b\n1,2\n\"broken,3\n"), out _).ToList();

        Assert.Equal(3, rows[1].Line);
        Assert.Equal("unterminated quoted field", rows[1].Error);
    }

    [Theory]
    [InlineData("Adventure|Animation|Children", new[] { "Adventure", "Animation", "Children" })]
    [InlineData("(no genres listed)", new string[0])]
    [InlineData("Drama", new[] { "Drama" })]
    [InlineData("Comedy||Comedy|Romance", new[] { "Comedy", "Romance" })]
    [InlineData("", new string[0])]
    public void Genre_field_splits_into_catalog_genres(string field, string[] expected)
    {
        Assert.Equal(expected, MovieLensLoader.SplitGenres(field));
    }

    [Fact]
    public void Malformed_rows_are_reported_with_file_and_line_and_the_rest_loads()
    {
        Write("movies.csv",
            "movieId,title,genres\n" +
            "1,Toy Story (1995),Adventure|Animation\n" +
            "2,\"Jumanji (1995)\"oops,Adventure\n" +
            "x,Bad Id (1990),Drama\n" +
            "3,Too,Many,Fields\n" +
            "4,\"Heat (1995)\",Action|Crime|Thriller\n");
        Write("ratings.csv",
            "userId,movieId,rating,timestamp\n" +
            "1,1,4.0,964982703\n" +
            "1,999,4.0,964982703\n" +
            "2,4,five,964982703\n" +
            "2,4,4.5,964982224\n");
        var issues = new List<CatalogLoadIssue>();

        var (items, ratings, _) = MovieLensLoader.Load(_folder, issues);

        Assert.Equal(["1", "4"], items.Select(i => i.Id));
        Assert.Equal(2, ratings.Count);
        Assert.Contains(issues, i => i is { File: "movies.csv", Line: 3 });
        Assert.Contains(issues, i => i is { File: "movies.csv", Line: 4 } && i.Message.Contains("movieId 'x'", StringComparison.Ordinal));
        Assert.Contains(issues, i => i is { File: "movies.csv", Line: 5 } && i.Message.Contains("expected 3 fields", StringComparison.Ordinal));
        Assert.Contains(issues, i => i is { File: "ratings.csv", Line: 3 } && i.Message.Contains("999", StringComparison.Ordinal));
        Assert.Contains(issues, i => i is { File: "ratings.csv", Line: 4 } && i.Message.Contains("five", StringComparison.Ordinal));
        Assert.Equal(5, issues.Count);
    }

    [Fact]
    public void Item_statistics_and_tags_come_from_ratings_and_tags()
    {
        Write("movies.csv", "movieId,title,genres\n6,Heat (1995),Action|Crime|Thriller\n");
        Write("ratings.csv", "userId,movieId,rating,timestamp\n1,6,4.0,1\n2,6,5.0,2\n");
        Write("tags.csv", "userId,movieId,tag,timestamp\n1,6,heist,1\n2,6,Heist,2\n2,6,Al Pacino,3\n");

        var (items, _, source) = MovieLensLoader.Load(_folder, new List<CatalogLoadIssue>());

        var heat = Assert.Single(items);
        Assert.Equal(2, heat.Popularity);
        Assert.Equal(4.5, heat.MeanRating);
        Assert.Equal(["heist", "Al Pacino"], heat.Tags);
        Assert.Equal(3, source.Tags);
        Assert.Contains("Genres: Action, Crime, Thriller", heat.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_movies_file_is_a_clear_error()
    {
        var ex = Assert.Throws<CatalogLoadException>(() => MovieLensLoader.Load(_folder, new List<CatalogLoadIssue>()));

        Assert.Contains("movies.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_header_names_the_file_and_the_missing_column()
    {
        Write("movies.csv", "id,name,genres\n1,Toy Story (1995),Comedy\n");

        var ex = Assert.Throws<CatalogLoadException>(() => MovieLensLoader.Load(_folder, new List<CatalogLoadIssue>()));

        Assert.Contains("movies.csv:1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("movieId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Book_series_suffix_becomes_a_series_tag()
    {
        var (title, series) = GoodbooksLoader.SplitSeries("The Hunger Games (The Hunger Games, #1)");

        Assert.Equal("The Hunger Games", title);
        Assert.Equal("series: The Hunger Games #1", series);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);
}
