using AgentRec.Core.Contracts;
using AgentRec.Core.People;

namespace AgentRec.UnitTests.People;

public sealed class PeopleKnowledgeTests
{
    private const string Cues = """
        cues:
          english:
            before: [by]
          chinese:
            after: [导演的]
        """;

    private const string Studios = """
        studios:
          - {name: Pixar, aliases: [皮克斯], tags: [pixar]}
        """;

    [Fact]
    public void Embedded_files_load_and_cover_at_least_150_people()
    {
        var knowledge = PeopleKnowledge.Default;

        Assert.True(knowledge.People.Count >= 150, $"{knowledge.People.Count} people");
        Assert.Contains(knowledge.Studios, s => s.Name == "Studio Ghibli");
        Assert.Contains("by", knowledge.Cues.EnglishBefore);
    }

    [Fact]
    public void A_malformed_line_is_reported_with_file_and_line()
    {
        var people = Cues + "\npeople:\n  - {name: Steven Spielberg, role: director, aliases: [斯皮尔伯格]}\n  - {name: Christopher Nolan, role: painter}\n";

        var error = Assert.Throws<PeopleDataException>(() => PeopleKnowledge.Parse(people, Studios, "people.yaml", "studios.yaml"));

        Assert.Equal("people.yaml", error.File);
        Assert.Equal(8, error.LineNumber);
        Assert.StartsWith("people.yaml:8:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_file_and_line()
    {
        var people = Cues + "\npeople:\n  - {name: Steven Spielberg, role: director, aliases: [斯皮尔伯格}\n";

        var error = Assert.Throws<PeopleDataException>(() => PeopleKnowledge.Parse(people, Studios, "people.yaml", "studios.yaml"));

        Assert.Equal("people.yaml", error.File);
        Assert.Equal(7, error.LineNumber);
    }

    [Fact]
    public void One_alias_for_two_people_is_an_error_naming_both_lines()
    {
        var people = Cues + "\npeople:\n  - {name: Ridley Scott, role: director, aliases: [Scott]}\n  - {name: Tony Scott, role: director, aliases: [Scott]}\n";

        var error = Assert.Throws<PeopleDataException>(() => PeopleKnowledge.Parse(people, Studios, "people.yaml", "studios.yaml"));

        Assert.Equal(8, error.LineNumber);
        Assert.Contains("line 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_studio_without_catalog_evidence_is_an_error()
    {
        var people = Cues + "\npeople:\n  - {name: Steven Spielberg, role: director}\n";
        var studios = "studios:\n  - {name: Nowhere Films, aliases: [Nowhere]}\n";

        var error = Assert.Throws<PeopleDataException>(() => PeopleKnowledge.Parse(people, studios, "people.yaml", "studios.yaml"));

        Assert.Equal("studios.yaml", error.File);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void Film_series_load_as_franchises_and_an_alias_shared_with_a_studio_is_an_error_in_the_series_file()
    {
        var people = Cues + "\npeople:\n  - {name: Steven Spielberg, role: director}\n";
        var franchises = "franchises:\n  - {name: Star Wars, aliases: [星战], titles: [Star Wars]}\n  - {name: Toy Story, aliases: [皮克斯], titles: [Toy Story]}\n";

        var error = Assert.Throws<PeopleDataException>(() => PeopleKnowledge.Parse(people, Studios, "people.yaml", "studios.yaml", franchises, "franchises.yaml"));
        var loaded = PeopleKnowledge.Parse(people, Studios, "people.yaml", "studios.yaml", franchises.Split("  - {name: Toy")[0], "franchises.yaml");

        Assert.Equal("franchises.yaml", error.File);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(PersonRole.Franchise, Assert.Single(loaded.Franchises).Role);
        Assert.Equal(PersonRole.Studio, Assert.Single(loaded.Studios).Role);
        Assert.Contains(PeopleKnowledge.Default.Franchises, f => f.Name == "James Bond");
    }

    [Theory]
    [InlineData("J.K. Rowling", "J. K. Rowling")]
    [InlineData("Wong Kar-Wai", "wong kar wai")]
    [InlineData("Miloš Forman", "Milos Forman")]
    public void Names_compare_by_letters_only(string a, string b) => Assert.Equal(PersonNames.Key(a), PersonNames.Key(b));
}
