using AgentRec.Core.People;

namespace AgentRec.UnitTests.People;

public sealed class PersonFinderTests
{
    private static readonly PersonFinder Finder = PersonFinder.Default;

    [Theory]
    [InlineData("Steven Spielberg classics", "Steven Spielberg")]
    [InlineData("films by Christopher Nolan", "Christopher Nolan")]
    [InlineData("something directed by Hitchcock", "Alfred Hitchcock")]
    [InlineData("Tarantino's films", "Quentin Tarantino")]
    [InlineData("books by King", "Stephen King")]
    [InlineData("Pixar movies", "Pixar")]
    [InlineData("诺兰的电影", "Christopher Nolan")]
    [InlineData("推荐几本简·奥斯汀的小说", "Jane Austen")]
    [InlineData("斯蒂芬金的小说", "Stephen King")]
    [InlineData("宫崎骏的动画", "Hayao Miyazaki")]
    [InlineData("吉卜力工作室的动画", "Studio Ghibli")]
    [InlineData("J.K.罗琳的书", "J.K. Rowling")]
    public void Finds_a_known_person_or_studio(string text, string name)
    {
        var found = Finder.Find(text);

        Assert.Contains(found, m => m.Known && m.Name == name);
    }

    [Theory]
    [InlineData("The Lion King")]
    [InlineData("movies like Heat")]
    [InlineData("a king and his castle")]
    [InlineData("推荐几部科幻电影")]
    [InlineData("films inspired by True Events")]
    public void Finds_no_one_where_no_one_is_named(string text) => Assert.Empty(Finder.Find(text));

    [Theory]
    [InlineData("films by Qwerty Zxcvb", "Qwerty Zxcvb")]
    [InlineData("books by Qwertyuiop Zxcvbnm", "Qwertyuiop Zxcvbnm")]
    [InlineData("王铁柱导演的电影有哪些", "王铁柱")]
    [InlineData("有没有 Brandon Kowalczyk 主演的片子", "Brandon Kowalczyk")]
    [InlineData("有个作家叫林晓枫，他的书怎么样", "林晓枫")]
    [InlineData("what has the actress Marisol Vantongeren been in?", "Marisol Vantongeren")]
    [InlineData("more like that one by R. M. Vellacourt please", "R. M. Vellacourt")]
    public void Reads_an_unfamiliar_name_from_its_cue(string text, string name)
    {
        var found = Finder.Find(text);

        Assert.Contains(found, m => !m.Known && m.Name == name);
    }

    [Fact]
    public void An_author_implies_books_and_a_director_movies()
    {
        Assert.Equal("book", Finder.Find("Jane Austen")[0].ImpliedDomain);
        Assert.Equal("movie", Finder.Find("Kubrick")[0].ImpliedDomain);
    }

    [Theory]
    [InlineData("skip the indiana jones and jurassic park ones", "Indiana Jones", "Jurassic Park")]
    [InlineData("别推星战、黑客帝国这种", "Star Wars", null)]
    [InlineData("not the Star Wars or Indiana Jones films", "Star Wars", "Indiana Jones")]
    public void A_name_listed_with_a_ruled_out_one_is_ruled_out_too(string text, string first, string? second)
    {
        var found = Finder.Find(text);

        Assert.Contains(found, m => m.Name == first && m.Negated);
        if (second is not null)
        {
            Assert.Contains(found, m => m.Name == second && m.Negated);
        }
    }

    [Fact]
    public void A_name_after_a_ruled_out_one_but_not_listed_with_it_stays_asked_for()
    {
        var found = Finder.Find("not Spielberg, I want Christopher Nolan films");

        Assert.Contains(found, m => m.Name == "Steven Spielberg" && m.Negated);
        Assert.Contains(found, m => m.Name == "Christopher Nolan" && !m.Negated);
    }
}
