using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Pipeline;
using AgentRec.Core.Retrieval;

namespace AgentRec.UnitTests.Pipeline;

public sealed class AnswerShapeTests
{
    private static readonly CatalogItem Matrix = Movie("1", "The Matrix", 1999, "Action", "Sci-Fi", "Thriller");
    private static readonly CatalogItem Reloaded = Movie("2", "The Matrix Reloaded", 2003, "Action", "Sci-Fi", "Thriller");
    private static readonly CatalogItem Revolutions = Movie("3", "The Matrix Revolutions", 2003, "Action", "Sci-Fi", "Thriller");
    private static readonly CatalogItem Inception = Movie("4", "Inception", 2010, "Action", "Sci-Fi", "Thriller");
    private static readonly CatalogItem FightClub = Movie("5", "Fight Club", 1999, "Action", "Crime", "Drama", "Thriller");
    private static readonly CatalogItem Trek = Movie("6", "Star Trek: First Contact", 1996, "Action", "Sci-Fi");
    private static readonly CatalogItem Wars = Movie("7", "Star Wars: Episode IV - A New Hope", 1977, "Action", "Sci-Fi");
    private static readonly CatalogItem Empire = Movie("8", "Star Wars: Episode V - The Empire Strikes Back", 1980, "Action", "Sci-Fi");
    private static readonly CatalogItem Jedi = Movie("9", "Star Wars: Episode VI - Return of the Jedi", 1983, "Action", "Sci-Fi");
    private static readonly CatalogItem Hobbit = Book("b1", "The Hobbit", "J.R.R. Tolkien");
    private static readonly CatalogItem BoxSet = Book("b2", "J.R.R. Tolkien 4-Book Boxed Set: The Hobbit and The Lord of the Rings", "J.R.R. Tolkien");
    private static readonly CatalogItem Fellowship = Book("b3", "The Fellowship of the Ring (The Lord of the Rings, #1)", "J.R.R. Tolkien");
    private static readonly CatalogItem Towers = Book("b4", "The Two Towers (The Lord of the Rings, #2)", "J.R.R. Tolkien");
    private static readonly CatalogItem Silmarillion = Book("b5", "The Silmarillion (Middle-Earth Universe)", "J.R.R. Tolkien");
    private static readonly CatalogItem Thrones = Book("b6", "A Game of Thrones (A Song of Ice and Fire, #1)", "George R.R. Martin");

    // Thrillers outnumber science fiction, as in MovieLens: Sci-Fi is the Matrix's most specific genre.
    private static readonly CatalogItem[] Thrillers =
        [Movie("10", "Heat", 1995, "Crime", "Thriller"), Movie("11", "Se7en", 1995, "Mystery", "Thriller"), Movie("12", "Zodiac", 2007, "Thriller"), Movie("13", "Ronin", 1998, "Thriller")];

    private static readonly ItemCatalog Catalog = new([Matrix, Reloaded, Revolutions, Inception, FightClub, Trek, Wars, Empire, Jedi, .. Thrillers, Hobbit, BoxSet, Fellowship, Towers, Silmarillion, Thrones]);

    [Theory]
    [InlineData("The Matrix", "The Matrix Reloaded", true)]
    [InlineData("Star Wars: Episode IV - A New Hope", "Star Wars: Episode V - The Empire Strikes Back", true)]
    [InlineData("Star Trek: First Contact", "Star Wars: Episode IV - A New Hope", false)]
    [InlineData("Inception", "The Matrix", false)]
    public void Movie_franchises_are_read_from_title_stems(string a, string b, bool expected)
    {
        Assert.Equal(expected, Franchise.Same(Movie("x", a, 2000), Movie("y", b, 2000)));
    }

    [Theory]
    [InlineData("Maskerade (Discworld, #18; Witches #5)", "Discworld")]
    [InlineData("The Gunslinger (The Dark Tower, #1)", "The Dark Tower")]
    [InlineData("Animal Farm", null)]
    public void A_book_is_in_the_first_series_its_title_numbers_it_in(string title, string? series) => Assert.Equal(series, BookSeries.Of(title));

    [Theory]
    [InlineData("Maskerade (Discworld, #18; Witches #5)", 18.0)]
    [InlineData("The Gunslinger (The Dark Tower, #1)", 1.0)]
    [InlineData("The Lord of the Rings (The Lord of the Rings, #1-3)", 1.0)]
    [InlineData("New Spring (The Wheel of Time, #0)", 0.0)]
    [InlineData("Animal Farm", null)]
    public void A_book_stands_at_the_number_its_first_series_gives_it(string title, double? number) => Assert.Equal(number, BookSeries.Number(title));

    [Fact]
    public void A_later_book_of_a_series_comes_after_first_books_unless_the_series_is_asked_for()
    {
        var fury = Book("f4", "Captain's Fury (Codex Alera, #4)", "Jim Butcher");
        var furies = Book("f1", "Furies of Calderon (Codex Alera, #1)", "Jim Butcher");
        var tigana = Book("t1", "Tigana", "Guy Gavriel Kay");
        var catalog = new ItemCatalog([fury, furies, tigana]);
        var candidates = new[] { fury, tigana, furies }.Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1)).ToList();
        var intent = new RecommendationIntent { Domain = IntentDomains.Book, Genres = ["Fantasy"] };

        var two = new AnswerShape(catalog).Choose(intent, "underrated fantasy books", [], candidates, 2).ConvertAll(c => c.Item.DisplayTitle);
        var three = new AnswerShape(catalog).Choose(intent, "underrated fantasy books", [], candidates, 3).ConvertAll(c => c.Item.DisplayTitle);
        var series = new AnswerShape(catalog).Choose(intent, "the codex alera series in order", [], candidates, 2).ConvertAll(c => c.Item.DisplayTitle);

        Assert.Equal(["Tigana", "Furies of Calderon (Codex Alera, #1)"], two);
        Assert.Equal("Captain's Fury (Codex Alera, #4)", three[2]);
        Assert.Equal(["Captain's Fury (Codex Alera, #4)", "Tigana"], series);
    }

    [Fact]
    public void An_answer_like_a_named_book_holds_at_most_three_of_another_author_while_others_are_left()
    {
        var threeBody = Book("tb", "The Three-Body Problem (Remembrance of Earth's Past, #1)", "Liu Cixin");
        var reynolds = Enumerable.Range(1, 5).Select(n => Book($"r{n}", $"Reynolds Novel {n}", "Alastair Reynolds")).ToList();
        var others = new[] { Book("o1", "Blindsight (Firefall, #1)", "Peter Watts"), Book("o2", "A Fire Upon the Deep", "Vernor Vinge") };
        var catalog = new ItemCatalog([threeBody, .. reynolds, .. others]);
        var candidates = reynolds.Concat(others).Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1)).ToList();
        var intent = new RecommendationIntent { Domain = IntentDomains.Book, SimilarTo = [new TitleReference(threeBody.Title, threeBody.Id)] };

        var like = new AnswerShape(catalog).Choose(intent, "books like the three-body problem", [threeBody], candidates, 5);
        var hard = new AnswerShape(catalog).Choose(intent with { SimilarTo = [] }, "hard sci-fi books", [], candidates, 5);

        Assert.Equal(AnswerShape.MaxPerAuthor, like.Count(c => c.Item.Creators[0] == "Alastair Reynolds"));
        Assert.Equal(5, like.Count);
        Assert.Equal(5, hard.Count(c => c.Item.Creators[0] == "Alastair Reynolds"));
    }

    [Fact]
    public void A_topic_ruled_out_keeps_every_item_shelved_under_it_out_of_retrieval()
    {
        var ya = Book("y1", "Throne of Glass (Throne of Glass, #1)", "Sarah J. Maas") with { Tags = ["fantasy", "young-adult"] };
        var adult = Book("a1", "The Name of the Wind", "Patrick Rothfuss") with { Tags = ["fantasy", "epic-fantasy"] };
        var teen = Book("y2", "Graceling", "Kristin Cashore") with { Tags = ["YA", "fantasy"] };
        var catalog = new ItemCatalog([ya, adult, teen]);

        var allowed = TopicTags.Allowed(catalog, ["young-adult"], only: null);
        var withinNamed = TopicTags.Allowed(catalog, ["young-adult"], only: [true, false, true]);

        Assert.Equal([false, true, false], Assert.IsType<bool[]>(allowed));
        Assert.Equal([false, false, false], Assert.IsType<bool[]>(withinNamed));
        Assert.Null(TopicTags.Allowed(catalog, [], only: null));
    }

    [Fact]
    public void A_named_authors_series_fills_the_answer_rather_than_leave_it_short()
    {
        var one = Book("e1", "A Wizard of Earthsea (Earthsea Cycle, #1)", "Ursula K. Le Guin");
        var two = Book("e2", "The Tombs of Atuan (Earthsea Cycle, #2)", "Ursula K. Le Guin");
        var three = Book("e3", "The Farthest Shore (Earthsea Cycle, #3)", "Ursula K. Le Guin");
        var left = Book("l1", "The Left Hand of Darkness", "Ursula K. Le Guin");
        var catalog = new ItemCatalog([one, two, three, left]);
        var candidates = new[] { one, two, three, left }.Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1)).ToList();
        var intent = new RecommendationIntent { Domain = IntentDomains.Book, Keywords = ["Ursula K. Le Guin"] };

        var named = new AnswerShape(catalog).Choose(intent, "ursula k le guin, where do i start?", [], candidates, 4, ["Ursula K. Le Guin"]).ConvertAll(c => c.Item.Id);
        var unnamed = new AnswerShape(catalog).Choose(intent with { Keywords = [] }, "fantasy books", [], candidates, 4).ConvertAll(c => c.Item.Id);

        Assert.Equal(["e1", "e2", "l1", "e3"], named);
        Assert.Equal(3, unnamed.Count);
    }

    [Fact]
    public void A_feeling_is_carried_by_tags_only_a_topic_by_a_title_too()
    {
        var tower = Book("d1", "The Gunslinger (The Dark Tower, #1)", "Stephen King") with { Tags = ["fantasy", "horror"] };
        var grim = Book("d2", "Blood Meridian", "Cormac McCarthy") with { Tags = ["dark", "western"] };
        var vampire = Book("v1", "Interview with the Vampire", "Anne Rice") with { Tags = ["horror"] };

        Assert.False(TopicTags.Carries(tower, TopicTags.Phrases(["dark"])));
        Assert.True(TopicTags.Carries(grim, TopicTags.Phrases(["dark"])));
        Assert.True(TopicTags.Carries(vampire, TopicTags.Phrases(["vampires"])));
        Assert.True(TopicTags.Carries(Movie("s1", "Schindler's List", 1993, "Drama", "War") with { Tags = ["Holocaust"] }, TopicTags.Phrases(["world war ii"])));
    }

    [Fact]
    public void Of_films_of_another_kind_those_that_add_no_tone_come_first()
    {
        var rings = Movie("l1", "Lord of the Rings: The Fellowship of the Ring, The", 2001, "Adventure", "Fantasy");
        var shrek = Movie("s1", "Shrek", 2001, "Adventure", "Animation", "Children", "Comedy", "Fantasy");
        var indy = Movie("i1", "Raiders of the Lost Ark", 1981, "Action", "Adventure");
        var catalog = new ItemCatalog([rings, shrek, indy]);
        var candidates = new[] { shrek, indy }.Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1)).ToList();
        var intent = new RecommendationIntent { Action = IntentActions.Similar, SimilarTo = [new TitleReference(rings.Title, rings.Id)] };

        var chosen = new AnswerShape(catalog).Choose(intent, "just finished the lord of the rings, what next?", [rings], candidates, 2).ConvertAll(c => c.Item.Id);

        Assert.Equal(["i1", "s1"], chosen);
    }

    [Fact]
    public void Films_that_only_share_a_word_of_their_title_are_no_franchise()
    {
        var rocky = Movie("r1", "Rocky", 1976, "Drama");
        var balboa = Movie("r6", "Rocky Balboa", 2006, "Action", "Drama");
        var horror = Movie("h1", "Rocky Horror Picture Show, The", 1975, "Comedy", "Horror", "Musical");

        Assert.True(Franchise.Same(rocky, balboa));
        Assert.False(Franchise.Same(rocky, horror));
    }

    [Fact]
    public void Parts_of_one_book_published_apart_are_one_franchise()
    {
        Assert.True(Franchise.Same(Book("p3", "The Green Mile, Part 3: Coffey's Hands", "Stephen King"), Book("p5", "The Green Mile, Part 5: Night Journey", "Stephen King")));
        Assert.False(Franchise.Same(Book("p1", "The Green Mile, Part 1", "Stephen King"), Book("s1", "Salem's Lot", "Stephen King")));
    }

    [Fact]
    public void Book_franchises_are_the_series_the_title_names()
    {
        Assert.True(Franchise.Same(Fellowship, Towers));
        Assert.False(Franchise.Same(Fellowship, Thrones));
        Assert.Equal("The Lord of the Rings", Franchise.SeriesOf(Fellowship.Title));
    }

    [Fact]
    public void An_answer_holds_at_most_two_works_of_one_franchise()
    {
        var chosen = Choose(new RecommendationIntent { Genres = ["Sci-Fi"] }, "sci-fi classics", [], [Wars, Empire, Jedi, Matrix, Inception], 4);

        Assert.Equal(["Star Wars: Episode IV - A New Hope", "Star Wars: Episode V - The Empire Strikes Back", "The Matrix", "Inception"], chosen);
    }

    [Fact]
    public void Asking_for_the_series_lifts_the_franchise_limit()
    {
        var chosen = Choose(new RecommendationIntent(), "the star wars movies in order", [], [Wars, Empire, Jedi], 3);

        Assert.Equal(3, chosen.Count);
    }

    [Fact]
    public void More_like_a_movie_keeps_to_its_kind_and_two_of_its_franchise()
    {
        var intent = new RecommendationIntent { Action = IntentActions.Similar };

        var chosen = Choose(intent, "films like The Matrix", [Matrix], [Reloaded, FightClub, Revolutions, Thrillers[0], Reloaded with { Id = "2b", DisplayTitle = "The Matrix Resurrections" }, Inception, Trek], 4);

        Assert.Equal(["The Matrix Reloaded", "The Matrix Revolutions", "Inception", "Star Trek: First Contact"], chosen);
    }

    [Fact]
    public void More_like_a_book_skips_editions_and_keeps_its_author_to_two()
    {
        var intent = new RecommendationIntent { Action = IntentActions.Similar, Domain = IntentDomains.Book };

        var chosen = Choose(intent, "books like The Fellowship of the Ring", [Fellowship], [BoxSet, Towers, Hobbit, Silmarillion, Thrones], 4);

        Assert.Equal(["The Two Towers (The Lord of the Rings, #2)", "The Hobbit", "A Game of Thrones (A Song of Ice and Fire, #1)"], chosen);
    }

    [Fact]
    public void Once_the_user_finished_a_work_none_of_its_franchise_or_author_comes_back()
    {
        var intent = new RecommendationIntent { Action = IntentActions.Similar, Domain = IntentDomains.Book };

        var chosen = Choose(intent, "just finished the fellowship of the ring, what should i read next?", [Fellowship], [Towers, Hobbit, Thrones], 3);

        Assert.Equal(["A Game of Thrones (A Song of Ice and Fire, #1)"], chosen);
    }

    [Fact]
    public void A_finished_work_by_the_author_asked_for_leaves_only_its_own_series_out()
    {
        var intent = new RecommendationIntent { Action = IntentActions.Similar, Domain = IntentDomains.Book };

        var chosen = new AnswerShape(Catalog).Choose(
            intent, "tolkien books? already finished the fellowship of the ring", [Fellowship],
            [.. new[] { Towers, Hobbit, Silmarillion, Thrones }.Select(item => new ScoredCandidate(item, Catalog.IndexOf(item.Id), 1))], 3, ["J.R.R. Tolkien"])
            .ConvertAll(c => c.Item.DisplayTitle);

        Assert.Equal(["The Hobbit", "The Silmarillion (Middle-Earth Universe)", "A Game of Thrones (A Song of Ice and Fire, #1)"], chosen);
    }

    [Fact]
    public void Too_few_of_a_movie_anchors_kind_are_filled_with_the_closest_others()
    {
        var intent = new RecommendationIntent { Action = IntentActions.Similar };

        var chosen = Choose(intent, "films like The Matrix", [Matrix], [FightClub, Inception], 2);

        Assert.Equal(["Inception", "Fight Club"], chosen);
    }

    [Fact]
    public void An_edition_asked_for_is_kept()
    {
        var chosen = Choose(new RecommendationIntent { Domain = IntentDomains.Book }, "a tolkien box set", [], [BoxSet], 1);

        Assert.Single(chosen);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void The_evidence_floor_admits_items_with_enough_ratings(int ratings, bool expected)
    {
        var floor = new EvidenceFloor(10, 5000);

        Assert.Equal(expected, floor.Admits(Matrix with { Popularity = ratings }));
    }

    [Fact]
    public void A_hidden_gem_floor_asks_for_a_mean_rating_too()
    {
        var floor = new EvidenceFloor(3, 0) { MaxMovieRatings = 30, MinMeanRating = 3.7 };

        Assert.True(floor.Admits(Movie("g1", "Liked", 2001) with { Popularity = 12, MeanRating = 4.1 }));
        Assert.False(floor.Admits(Movie("g2", "Obscure but weak", 2001) with { Popularity = 12, MeanRating = 3.2 }));
        Assert.False(floor.Admits(Movie("g3", "Well known", 2001) with { Popularity = 31, MeanRating = 4.3 }));
    }

    [Fact]
    public void A_hidden_gem_book_needs_the_book_mean_where_one_is_set()
    {
        var floor = new EvidenceFloor(3, 0) { MaxBookRatings = 30_000, MinMeanRating = 3.7, MinBookMeanRating = 3.9 };
        var book = Book("b1", "A quiet novel", "A. Writer") with { Popularity = 12_000 };

        Assert.True(floor.Admits(book with { MeanRating = 4.05 }));
        Assert.False(floor.Admits(book with { MeanRating = 3.8 }));
        Assert.True(floor.Admits(Movie("m1", "A quiet film", 2001) with { Popularity = 12, MeanRating = 3.8 }));
        Assert.False(floor.Admits(book with { Popularity = 30_001, MeanRating = 4.2 }));
    }

    [Fact]
    public void A_hidden_gem_ceiling_keeps_the_well_known_out()
    {
        var floor = new EvidenceFloor(3, 0) { MaxMovieRatings = 60 };

        Assert.True(floor.Admits(Matrix with { Popularity = 40 }));
        Assert.False(floor.Admits(Matrix with { Popularity = 300 }));
        Assert.False(floor.Admits(Matrix with { Popularity = 2 }));
    }

    [Fact]
    public void A_film_like_an_anchor_of_two_genres_is_both_and_adds_no_genre_of_another_tone_while_others_fit()
    {
        var godfather = Movie("g1", "The Godfather", 1972, "Crime", "Drama");
        var goodfellas = Movie("g2", "Goodfellas", 1990, "Crime", "Drama");
        var fargo = Movie("g3", "Fargo", 1996, "Comedy", "Crime", "Drama", "Thriller");
        var suspects = Movie("g4", "The Usual Suspects", 1995, "Crime", "Mystery", "Thriller");
        var casino = Movie("g5", "Casino", 1995, "Crime", "Drama");
        var catalog = new ItemCatalog([godfather, goodfellas, fargo, suspects, casino]);
        var candidates = new[] { fargo, suspects, goodfellas, casino }.Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1)).ToList();
        var intent = new RecommendationIntent { Action = IntentActions.Similar };

        var two = new AnswerShape(catalog).Choose(intent, "more movies like the godfather", [godfather], candidates, 2).ConvertAll(c => c.Item.DisplayTitle);
        var four = new AnswerShape(catalog).Choose(intent, "more movies like the godfather", [godfather], candidates, 4).ConvertAll(c => c.Item.DisplayTitle);

        Assert.Equal(["Goodfellas", "Casino"], two);
        Assert.Equal(["Goodfellas", "Casino", "The Usual Suspects", "Fargo"], four);
    }

    [Fact]
    public void Items_tagged_with_the_requests_topic_come_first_and_the_others_fill_the_answer()
    {
        var zombieland = Movie("z1", "Zombieland", 2009, "Action", "Comedy", "Horror") with { Tags = ["zombies", "funny"] };
        var shaun = Movie("z2", "Shaun of the Dead", 2004, "Comedy", "Horror") with { Tags = ["Zombies", "british comedy"] };
        var beautiful = Movie("z3", "Life Is Beautiful", 1997, "Comedy", "Drama", "Romance", "War") with { Tags = ["holocaust"] };
        var incredibles = Movie("z4", "The Incredibles", 2004, "Action", "Animation", "Comedy") with { Tags = ["superhero"] };
        var catalog = new ItemCatalog([zombieland, shaun, beautiful, incredibles]);
        var candidates = new[] { beautiful, incredibles, shaun, zombieland }.Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1)).ToList();
        var intent = new RecommendationIntent { Action = IntentActions.Refine, Genres = ["Comedy"], Keywords = ["zombies"] };

        var two = new AnswerShape(catalog).Choose(intent, "only the funny ones", [], candidates, 2).ConvertAll(c => c.Item.DisplayTitle);
        var three = new AnswerShape(catalog).Choose(intent, "only the funny ones", [], candidates, 3).ConvertAll(c => c.Item.DisplayTitle);
        var untopical = new AnswerShape(catalog).Choose(intent with { Keywords = [] }, "funny movies", [], candidates, 2).ConvertAll(c => c.Item.DisplayTitle);

        Assert.Equal(["Shaun of the Dead", "Zombieland"], two);
        Assert.Equal(["Shaun of the Dead", "Zombieland", "Life Is Beautiful"], three);
        Assert.Equal(["Life Is Beautiful", "The Incredibles"], untopical);
    }

    [Fact]
    public void Films_that_share_a_named_films_distinctive_tags_come_first_and_two_shared_tags_cross_its_kind()
    {
        var inception = Movie("i1", "Inception", 2010, "Action", "Crime", "Drama", "Mystery", "Sci-Fi", "Thriller") with { Tags = ["mindfuck", "dreamlike", "great soundtrack"] };
        var memento = Movie("i2", "Memento", 2000, "Mystery", "Thriller") with { Tags = ["mindfuck", "dreamlike"] };
        var darkKnight = Movie("i3", "The Dark Knight", 2008, "Action", "Crime", "Drama", "Thriller") with { Tags = ["great soundtrack"] };
        var taken = Movie("i4", "Taken", 2008, "Action", "Crime", "Drama", "Thriller") with { Tags = ["kidnapping"] };
        var donnie = Movie("i5", "Donnie Darko", 2001, "Drama", "Mystery", "Sci-Fi", "Thriller") with { Tags = ["mindfuck"] };
        var heat = Movie("i6", "Heat", 1995, "Action", "Crime", "Thriller") with { Tags = ["great soundtrack"] };
        // A tag on one film alone, or on more films than a tag that tells a kind of film, says nothing of likeness.
        var filler = Enumerable.Range(0, AnswerShape.MaxDistinctiveTagMovies).Select(i => Movie($"f{i}", $"Filler {i}", 1990, "Comedy") with { Tags = ["great soundtrack"] });
        var catalog = new ItemCatalog([inception, memento, darkKnight, taken, donnie, heat, .. filler]);
        var candidates = new[] { darkKnight, taken, heat, memento, donnie }.Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1)).ToList();
        var intent = new RecommendationIntent { Action = IntentActions.Similar };

        var chosen = new AnswerShape(catalog).Choose(intent, "movies like inception", [inception], candidates, 4).ConvertAll(c => c.Item.DisplayTitle);

        Assert.Equal(["Donnie Darko", "Memento", "The Dark Knight", "Taken"], chosen);
    }

    [Theory]
    [InlineData("Zombieland", "zombies", true)]
    [InlineData("Interview with the Vampire", "vampires", true)]
    [InlineData("Spaceballs", "space", false)]
    [InlineData("Space Jam", "space", true)]
    [InlineData("Heat", "mafia", false)]
    public void A_topic_is_carried_by_a_title_that_names_it(string title, string topic, bool carried)
    {
        Assert.Equal(carried, TopicTags.Carries(Movie("t", title, 2000, "Comedy"), TopicTags.Phrases([topic])));
    }

    [Fact]
    public void A_topic_is_carried_by_a_tag_that_holds_it_as_whole_words()
    {
        var ww2 = Movie("w1", "Saving Private Ryan", 1998, "Action", "Drama", "War") with { Tags = ["World War II", "Normandy"] };
        var ww1 = Movie("w2", "Paths of Glory", 1957, "Drama", "War") with { Tags = ["world war iii-like"] };
        var catalog = new ItemCatalog([ww2, ww1]);
        var candidates = new[] { ww1, ww2 }.Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1)).ToList();

        var chosen = new AnswerShape(catalog).Choose(new RecommendationIntent { Genres = ["War"], Keywords = ["world war ii"] }, "world war 2 ones", [], candidates, 1);

        Assert.Equal("Saving Private Ryan", Assert.Single(chosen).Item.DisplayTitle);
    }

    private static List<string> Choose(RecommendationIntent intent, string message, CatalogItem[] anchors, CatalogItem[] ranked, int count)
    {
        var candidates = ranked.Select(i => new ScoredCandidate(i, Catalog.IndexOf(i.Id), 1)).ToList();
        return new AnswerShape(Catalog).Choose(intent, message, anchors, candidates, count).ConvertAll(c => c.Item.DisplayTitle);
    }

    private static CatalogItem Movie(string id, string title, int year, params string[] genres) =>
        new(id, $"{title} ({year})", title, year, genres, [], title, 100, 4.0, ItemDomain.Movie);

    [Theory]
    [InlineData("Neil Gaiman's Neverwhere", "Mike Carey", "Neil Gaiman", true)]
    [InlineData("Anne Frank's Tales from the Secret Annex", "Anne Frank", "Susan Massotty", false)]
    [InlineData("Neverwhere", "Neil Gaiman", "Mike Carey", false)]
    public void A_book_named_after_a_later_authors_work_is_an_adaptation_not_the_work(string title, string first, string second, bool adaptation)
    {
        var book = Book("b9", title, first) with { Creators = [first, second] };

        Assert.Equal(adaptation, AnswerShape.AdaptedByOthers(book));
        Assert.Equal(adaptation, AnswerShape.IsUnaskedEdition(book, editionsAsked: false));
    }

    private static CatalogItem Book(string id, string title, string author) =>
        new(id, title, title, 1950, [], [], title, 100_000, 4.2, ItemDomain.Book) { Creators = [author] };
}
