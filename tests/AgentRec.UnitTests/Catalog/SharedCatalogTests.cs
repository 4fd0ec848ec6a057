using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Catalog;

/// <summary>Loads the real MovieLens and goodbooks releases from shared/data beside the repository.</summary>
public sealed class SharedCatalogTests
{
    [Fact]
    public void MovieLens_small_release_loads_with_its_published_counts()
    {
        var loaded = new CatalogLoader(Options.Create(new CatalogOptions())).Load();

        Assert.Empty(loaded.Issues);
        Assert.Equal(9_742, loaded.Catalog.CountOf(ItemDomain.Movie));
        Assert.Equal(610, loaded.UserCount);
        Assert.Equal(100_836, loaded.Ratings.Count);
        Assert.Equal(10_000, loaded.Catalog.CountOf(ItemDomain.Book));
    }

    [Fact]
    public void Loaded_items_carry_normalised_titles_years_and_external_ids()
    {
        var catalog = new CatalogLoader(Options.Create(new CatalogOptions())).Load().Catalog;

        Assert.True(catalog.TryGet("2571", out var matrix));
        Assert.Equal("Matrix, The (1999)", matrix.Title);
        Assert.Equal("The Matrix", matrix.DisplayTitle);
        Assert.Equal(1999, matrix.Year);
        Assert.Contains("Sci-Fi", matrix.Genres);
        Assert.Equal("tt0133093", matrix.ExternalIds["imdb"]);
        Assert.True(matrix.Popularity > 200);

        Assert.True(catalog.TryGet("book-1", out var book));
        Assert.Equal("The Hunger Games", book.DisplayTitle);
        Assert.Equal(2008, book.Year);
        Assert.Equal(["Suzanne Collins"], book.Creators);
        Assert.Equal(ItemDomain.Book, book.Domain);
    }

    [Fact]
    public async Task Shared_release_matches_the_checksums_data_pull_verifies()
    {
        var folder = DataPaths.FindShared("data/ml-latest-small");
        Assert.NotNull(folder);

        var ex = await Record.ExceptionAsync(() => DataPuller.VerifyAsync(DataSets.MovieLens, folder, CancellationToken.None));

        Assert.Null(ex);
    }
}
