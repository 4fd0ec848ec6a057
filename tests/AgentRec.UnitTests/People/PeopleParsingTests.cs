using AgentRec.Core.Intent;

namespace AgentRec.UnitTests.People;

[Collection(PeopleCollection.Name)]
public sealed class PeopleParsingTests(PeopleFixture fixture)
{
    [Theory]
    [InlineData("Steven Spielberg classics", "Steven Spielberg", "movie")]
    [InlineData("films by Christopher Nolan", "Christopher Nolan", "movie")]
    [InlineData("movies directed by Kubrick", "Stanley Kubrick", "movie")]
    [InlineData("something starring Tom Hanks", "Tom Hanks", "movie")]
    [InlineData("Hitchcock's films", "Alfred Hitchcock", "movie")]
    [InlineData("Stephen King novels", "Stephen King", "book")]
    [InlineData("books by King", "Stephen King", "book")]
    [InlineData("Jane Austen", "Jane Austen", "book")]
    [InlineData("Pixar movies", "Pixar", "movie")]
    [InlineData("要DC的，漫威的我都看腻了", "DC Films", "movie")]
    [InlineData("诺兰的电影", "Christopher Nolan", "movie")]
    [InlineData("推荐几本简·奥斯汀的小说", "Jane Austen", "book")]
    [InlineData("宫崎骏的动画", "Hayao Miyazaki", "movie")]
    [InlineData("张艺谋导演的", "Zhang Yimou", "movie")]
    [InlineData("汤姆·汉克斯主演的", "Tom Hanks", "movie")]
    [InlineData("村上春树的书", "Haruki Murakami", "book")]
    [InlineData("ive never actually watched a hitchcock film, which ones are must sees?", "Alfred Hitchcock", "movie")]
    [InlineData("what did orwell write besides 1984?", "George Orwell", "book")]
    [InlineData("斯蒂芬·金小说改编的电影", "Stephen King", "movie")]
    public void A_named_person_is_a_keyword_and_implies_the_domain(string message, string name, string domain)
    {
        var intent = fixture.Parser.Parse(message);

        Assert.NotEmpty(intent.Keywords);
        Assert.Equal(name, intent.Keywords[0]);
        Assert.Equal(domain, intent.Domain);
        Assert.Empty(intent.SimilarTo);
    }

    [Theory]
    [InlineData("movies like Jane Eyre", "Jane Eyre")]
    [InlineData("something like Shakespeare in Love", "Shakespeare in Love")]
    [InlineData("films like The Lion King", "Lion King")]
    public void A_title_is_left_a_title(string message, string title)
    {
        var intent = fixture.Parser.Parse(message);

        Assert.Contains(intent.SimilarTo, t => t.Title.Contains(title, StringComparison.OrdinalIgnoreCase) && t.ItemId is not null);
        Assert.DoesNotContain(intent.Keywords, k => fixture.Index.IsCurated(k));
    }

    [Theory]
    [InlineData("what did orwell write besides 1984?")]
    [InlineData("奥威尔除了1984还写过什么")]
    public void A_number_after_besides_is_a_work_not_a_year(string message)
    {
        var intent = fixture.Parser.Parse(message);

        Assert.Null(intent.YearFrom);
        Assert.Null(intent.YearTo);
    }

    [Theory]
    [InlineData("斯蒂芬·金的看腻了，换别的作家")]
    [InlineData("anything but Nolan")]
    [InlineData("漫威的我都看腻了")]
    [InlineData("authors like Brandon Sanderson")]
    [InlineData("像诺兰那样的导演")]
    [InlineData("Orwell's 1984 was a great read")]
    [InlineData("求几部小众动画电影，宫崎骏皮克斯那种人人都刷过的就免了")]
    [InlineData("any anime movies that aren't ghibli?")]
    public void A_person_ruled_out_is_no_keyword(string message)
    {
        var intent = fixture.Parser.Parse(message);

        Assert.DoesNotContain(intent.Keywords, k => fixture.Index.IsCurated(k));
    }

    [Fact]
    public void Asking_for_another_author_drops_the_earlier_one()
    {
        var first = fixture.Parser.Parse("斯蒂芬·金的恐怖小说");

        var next = fixture.Parser.Parse("换别的作家", first);

        Assert.DoesNotContain("Stephen King", next.Keywords);
    }

    [Fact]
    public void A_follow_up_naming_someone_else_replaces_the_person()
    {
        var first = fixture.Parser.Parse("films by Steven Spielberg");

        var next = fixture.Parser.Parse("what about Nolan?", first);

        Assert.Contains("Christopher Nolan", next.Keywords);
        Assert.DoesNotContain("Steven Spielberg", next.Keywords);
    }
}
