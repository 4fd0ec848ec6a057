using System.Text;
using AgentRec.Core.Catalog;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Catalog;

public sealed class PersonalTagsTests
{
    [Theory]
    [InlineData("In Netflix queue")]
    [InlineData("in netflix queue")]
    [InlineData("test tag")]
    public void A_viewers_queue_or_copy_is_no_tag_of_the_film(string tag)
    {
        Assert.True(PersonalTags.Default.IsMovieHousekeeping(tag));
    }

    [Theory]
    [InlineData("to-read", true)]
    [InlineData("currently-reading", true)]
    [InlineData("fantasy", false)]
    public void A_readers_shelf_is_no_tag_of_the_book(string tag, bool shelf)
    {
        Assert.Equal(shelf, PersonalTags.Default.IsBookShelf(tag));
    }

    [Fact]
    public void No_loaded_film_carries_a_queue_tag()
    {
        var catalog = new CatalogLoader(Options.Create(new CatalogOptions())).Load().Catalog;

        Assert.DoesNotContain(catalog.Items, i => i.Tags.Contains("In Netflix queue", StringComparer.OrdinalIgnoreCase));
        Assert.True(catalog.TryGet("104", out var gilmore));
        Assert.DoesNotContain("test tag", gilmore.Tags, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_malformed_file_is_named_in_the_error()
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes("{\"books\": [\"to-read\"], \"movies\": [\"\"]}"));

        var error = Assert.Throws<CatalogLoadException>(() => PersonalTags.Load(json, "mine.json"));

        Assert.Contains("mine.json", error.Message, StringComparison.Ordinal);
    }
}
