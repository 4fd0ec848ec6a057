using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.People;

namespace AgentRec.UnitTests.People;

[Collection(PeopleCollection.Name)]
public sealed class PeopleConstraintTests(PeopleFixture fixture)
{
    [Fact]
    public void Every_curated_name_has_items_or_is_listed_by_the_start_up_check()
    {
        var missing = fixture.Index.MissingTargets();
        var curated = fixture.Index.Knowledge.People.Count + fixture.Index.Knowledge.Studios.Count;

        foreach (var entry in fixture.Index.Knowledge.People)
        {
            Assert.True(fixture.Index.Resolve(entry.Name) is { Items.Length: > 0 } || missing.Contains(entry.Name), entry.Name);
        }

        // Well-known authors the catalog holds nothing by are curated on purpose, so that a request for them is answered honestly.
        Assert.Contains("Jin Yong", missing);
        Assert.Contains("Yu Hua", missing);
        Assert.True(missing.Count * 10 < curated, "missing: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("861")]
    [InlineData("2582")]
    public void A_countrys_films_include_those_its_directors_are_credited_for_by_their_full_names(string movieId)
    {
        var hongKong = fixture.Index.Resolve("Hong Kong")!.Items.Select(i => fixture.Index.Catalog.Items[i].Id);

        Assert.Contains(movieId, hongKong);
    }

    [Theory]
    [InlineData("Khaled Hosseini")]
    [InlineData("Agatha Christie")]
    public void An_authors_books_are_those_credited_to_them_not_those_shelved_under_their_name(string author)
    {
        var books = fixture.Index.Resolve(author)!.Items.Select(i => fixture.Index.Catalog.Items[i]).Where(i => i.Domain == ItemDomain.Book).ToList();

        Assert.True(books.Count >= 3);
        Assert.All(books, b => Assert.Contains(author, b.Creators));
    }

    [Theory]
    [InlineData("Jane Austen", "Jane Austen")]
    [InlineData("Stephen King", "Stephen King")]
    [InlineData("村上春树", "Haruki Murakami")]
    public void A_keyword_naming_an_author_allows_only_their_books(string keyword, string author)
    {
        var intent = new RecommendationIntent { Domain = IntentDomains.Book, Keywords = [keyword] };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, keyword)!;

        Assert.False(constraint.Unanswerable);
        Assert.Empty(constraint.RetrievalIntent.Keywords);
        for (var i = 0; i < constraint.Allowed.Length; i++)
        {
            if (constraint.Allowed[i] && fixture.Catalog.Items[i].Domain == ItemDomain.Book)
            {
                Assert.Contains(fixture.Catalog.Items[i].Creators, c => c.Contains(author, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void A_director_keyword_allows_their_films_above_the_floor()
    {
        var intent = new RecommendationIntent { Keywords = ["Christopher Nolan"] };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, "films by Christopher Nolan")!;

        var allowed = Enumerable.Range(0, constraint.Allowed.Length).Where(i => constraint.Allowed[i]).Select(i => fixture.Catalog.Items[i]).ToList();
        Assert.Contains(allowed, i => i.DisplayTitle == "Inception");
        Assert.All(allowed, i => Assert.True(i.Popularity >= PeopleIndex.MinMovieRatings));
        Assert.DoesNotContain(allowed, i => i.DisplayTitle == "The Matrix");
    }

    [Fact]
    public void Without_the_movie_facts_file_authors_and_tagged_directors_still_resolve()
    {
        var index = new PeopleIndex(fixture.Catalog, PeopleKnowledge.Default, moviePeople: null);

        Assert.NotEmpty(index.Resolve("Jane Austen")!.Items);
        Assert.NotEmpty(index.Resolve("Quentin Tarantino")!.Items);
        Assert.True(index.Resolve("Quentin Tarantino")!.Items.Length <= fixture.Index.Resolve("Quentin Tarantino")!.Items.Length);
    }

    [Fact]
    public void An_unfamiliar_name_read_from_its_cue_allows_nothing()
    {
        var intent = new RecommendationIntent { Keywords = ["Qwerty Zxcvb"] };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, "films by Qwerty Zxcvb")!;

        Assert.True(constraint.Unanswerable);
        Assert.Equal([new NamedPerson("Qwerty Zxcvb", null, 0)], constraint.Named);
    }

    [Fact]
    public void A_topic_keyword_is_no_person()
    {
        var intent = new RecommendationIntent { Keywords = ["time travel"] };

        Assert.Null(PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, "time travel movies"));
    }

    [Fact]
    public void A_person_ruled_out_leaves_their_items_out()
    {
        var intent = new RecommendationIntent { Domain = IntentDomains.Book, Keywords = ["horror"] };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, "斯蒂芬·金的看腻了，换别的作家", "恐怖小说有推荐吗")!;

        Assert.Equal(["Stephen King"], constraint.RuledOut);
        Assert.False(constraint.Unanswerable);
        Assert.Equal(["horror"], constraint.RetrievalIntent.Keywords);
        Assert.All(fixture.Index.Resolve("Stephen King")!.Items, i => Assert.False(constraint.Allowed[i]));
    }

    [Fact]
    public void Asking_for_someone_else_rules_out_the_person_asked_about_before()
    {
        var intent = new RecommendationIntent { Keywords = [] };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, "有没有风格差不多的别的导演的", "昆汀的片子推荐几部")!;

        Assert.Equal(["Quentin Tarantino"], constraint.RuledOut);
        Assert.NotEmpty(constraint.Anchors);
        Assert.Equal(constraint.Anchors.Select(a => a.Id), constraint.RetrievalIntent.SimilarTo.Select(t => t.ItemId));
    }

    [Theory]
    [InlineData("他的我都看过了，有没有类似风格的", "诺兰的电影", "Christopher Nolan")]
    [InlineData("I've seen all of his, anyone with a similar style?", "Christopher Nolan movies", "Christopher Nolan")]
    [InlineData("奉俊昊的我都看过了，有没有类似风格的", "推荐几部韩国电影", "Bong Joon-ho")]
    public void Having_seen_all_of_a_persons_work_asks_for_work_like_theirs_by_others(string message, string previous, string person)
    {
        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, new RecommendationIntent { Keywords = [] }, message, previous)!;

        Assert.Contains(person, constraint.RuledOut);
        Assert.NotEmpty(constraint.Anchors);
    }

    [Fact]
    public void Asking_which_authors_are_like_a_named_one_asks_for_others_like_them()
    {
        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, new RecommendationIntent { Domain = IntentDomains.Book }, "我喜欢东野圭吾，还有哪些作家类似")!;

        Assert.Empty(constraint.Named);
        Assert.Equal(["Keigo Higashino"], constraint.RuledOut);
    }

    [Fact]
    public void Asking_for_work_like_a_persons_anchors_on_theirs_and_leaves_them_out()
    {
        var intent = new RecommendationIntent { Domain = IntentDomains.Book };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, "authors like Brandon Sanderson")!;

        Assert.Empty(constraint.Named);
        Assert.InRange(constraint.Anchors.Count, 1, PeopleConstraint.MaxAnchors);
        Assert.All(constraint.Anchors, a => Assert.Contains("Brandon Sanderson", a.Creators));
        Assert.All(fixture.Index.Resolve("Brandon Sanderson")!.Items, i => Assert.False(constraint.Allowed[i]));
    }

    [Fact]
    public void Disney_is_walt_disneys_own_not_pixars()
    {
        var disney = fixture.Index.Resolve("迪士尼")!.Items.Select(i => fixture.Catalog.Items[i].DisplayTitle).ToList();

        Assert.Contains("The Lion King", disney);
        Assert.DoesNotContain("Finding Nemo", disney);
    }

    [Fact]
    public void A_studio_keyword_allows_only_its_films()
    {
        var intent = new RecommendationIntent { Keywords = ["Studio Ghibli"] };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, "吉卜力的动画")!;

        var allowed = Enumerable.Range(0, constraint.Allowed.Length).Where(i => constraint.Allowed[i]).Select(i => fixture.Catalog.Items[i]).ToList();
        Assert.Contains(allowed, i => i.DisplayTitle.StartsWith("Spirited Away", StringComparison.Ordinal));
        Assert.All(allowed, i => Assert.True(i.HasGenre("Animation")));
    }

    [Theory]
    [InlineData("what did orwell write besides 1984 and animal farm?", true)]
    [InlineData("奥威尔除了1984还写过什么", false)]
    [InlineData("what should I read by Orwell, maybe Animal Farm?", false)]
    public void Titles_of_the_named_author_after_a_cue_that_leaves_them_out_are_left_out(string message, bool animalFarmLeftOut)
    {
        var intent = new RecommendationIntent { Domain = IntentDomains.Book, Keywords = ["George Orwell"] };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, message)!;

        var allowed = Enumerable.Range(0, constraint.Allowed.Length).Where(i => constraint.Allowed[i]).Select(i => fixture.Catalog.Items[i].DisplayTitle).ToList();
        Assert.Contains("Burmese Days", allowed);
        Assert.Equal(animalFarmLeftOut, !allowed.Contains("Animal Farm"));
        Assert.Equal(message.Contains("1984", StringComparison.Ordinal) && !message.Contains("maybe", StringComparison.Ordinal), !allowed.Contains("1984"));
        if (animalFarmLeftOut)
        {
            Assert.DoesNotContain("Animal Farm / 1984", allowed);
        }
    }

    [Fact]
    public void A_director_with_credits_is_known_by_the_films_they_directed_not_those_they_appear_in()
    {
        var facts = fixture.Index.Resolve("Quentin Tarantino")!;

        var titles = facts.Items.Select(i => fixture.Catalog.Items[i].DisplayTitle).ToList();
        Assert.Contains("Pulp Fiction", titles);
        Assert.DoesNotContain("Desperado", titles);
        Assert.DoesNotContain("From Dusk Till Dawn", titles);
    }

    [Theory]
    [InlineData("just the poirot ones", true)]
    [InlineData("agatha christie books, but not the poirot ones", false)]
    public void A_series_of_the_named_authors_that_the_request_names_narrows_or_leaves_out(string message, bool only)
    {
        var intent = new RecommendationIntent { Domain = IntentDomains.Book, Keywords = ["Agatha Christie"] };

        var constraint = PeopleConstraint.For(fixture.Index, fixture.Catalog, intent, message)!;

        var allowed = Enumerable.Range(0, constraint.Allowed.Length).Where(i => constraint.Allowed[i]).Select(i => fixture.Catalog.Items[i].Title).ToList();
        Assert.True(allowed.Count > 3);
        Assert.All(allowed, t => Assert.Equal(only, t.Contains("Poirot", StringComparison.Ordinal)));
        Assert.Equal(only, constraint.SeriesAsked);
    }
}
