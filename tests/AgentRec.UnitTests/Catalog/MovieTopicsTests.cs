using System.Text;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Intent.Vocabulary;
using AgentRec.Core.People;
using AgentRec.UnitTests.Intent;

namespace AgentRec.UnitTests.Catalog;

/// <summary>The curated knowledge of what films are about, checked against the catalog it speaks of.</summary>
[Collection(CatalogCollection.Name)]
public sealed class MovieTopicsTests(CatalogFixture fixture)
{
    [Fact]
    public void Every_film_the_knowledge_names_is_in_the_catalog_and_carries_its_topics()
    {
        var movies = fixture.Catalog.Items.Where(i => i.Domain == ItemDomain.Movie).ToDictionary(i => i.Id, StringComparer.Ordinal);

        Assert.True(MovieTopics.Default.Count > 1000);
        Assert.Equal(MovieTopics.Default.Count, movies.Values.Count(i => i.Topics.Count > 0));
        Assert.Contains("world war ii", movies["1272"].Topics);
        Assert.Contains("slasher", movies["1974"].Topics);
    }

    [Fact]
    public void Every_topic_is_one_the_parser_can_say()
    {
        // A topic keyword, a mood's keyword ("feel-good"), or the name of a country's cinema (a studio entry: "Hong Kong").
        var said = IntentLexicon.EnglishTopics.Values
            .Concat(MoodVocabulary.Default.Entries.SelectMany(e => e.Keywords))
            .Concat(PeopleKnowledge.Default.Collections.Select(c => c.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var topics = fixture.Catalog.Items.SelectMany(i => i.Topics).Distinct(StringComparer.OrdinalIgnoreCase);

        Assert.All(topics, t => Assert.Contains(t, said));
    }

    [Fact]
    public void A_film_of_a_countrys_cinema_belongs_to_that_country_entry()
    {
        var hongKong = fixture.Catalog.Items.Where(i => i.Topics.Contains("Hong Kong")).ToList();

        Assert.True(hongKong.Count >= 10);
        Assert.All(hongKong, i => Assert.Equal(ItemDomain.Movie, i.Domain));
    }

    [Fact]
    public void A_malformed_file_is_an_error_naming_it_and_the_line()
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes("{\n  \"topics\": {\n    \"heist\": [ {\"movieId\": 6, }\n  }\n}"));

        var error = Assert.Throws<CatalogLoadException>(() => MovieTopics.Load(json, "movie-topics.json"));

        Assert.StartsWith("movie-topics.json line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_film_under_several_topics_carries_each_once()
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(
            "{\"topics\": {\"heist\": [{\"movieId\": 6}], \"mafia\": [{\"movieId\": 6}, {\"movieId\": 6}]}}"));

        var topics = MovieTopics.Load(json, "t.json");

        Assert.Equal(["heist", "mafia"], topics.Of("6"));
        Assert.Empty(topics.Of("7"));
    }
}
