namespace AgentRec.Core.Contracts;

/// <summary>The kind of role that makes a person's items theirs; an author's name alone implies books.</summary>
public enum PersonRole
{
    /// <summary>Directs movies.</summary>
    Director,

    /// <summary>Acts in movies.</summary>
    Actor,

    /// <summary>Writes books.</summary>
    Author,

    /// <summary>A studio that makes movies.</summary>
    Studio,

    /// <summary>A film series (James Bond, Star Wars): its films are its items, whoever made them.</summary>
    Franchise,
}

/// <summary>A person or studio a request names, and how many of their items fit the domain asked for (0: the catalog holds nothing of theirs).</summary>
/// <param name="Name">Canonical name, or the name as written when no one knows it.</param>
/// <param name="Role">What they are known for; null for a name neither the curated data nor the catalog knows.</param>
/// <param name="ItemCount">Their items in the requested domain, at or above the evidence floor.</param>
public sealed record NamedPerson(string Name, PersonRole? Role, int ItemCount)
{
    /// <summary>The name Chinese speakers use ("日本", "宫崎骏"), for answers in Chinese; null when none is known.</summary>
    public string? ChineseName { get; init; }
}
