namespace AgentRec.Core.People;

/// <summary>A person or studio named in a request.</summary>
/// <param name="Name">The canonical name for a known one; the name as written for one the curated data does not know.</param>
/// <param name="Role">The known role, or null for an unfamiliar name.</param>
/// <param name="Start">Where the name starts in the text searched.</param>
/// <param name="Length">How many characters of that text it covers.</param>
public sealed record PersonMention(string Name, PersonRole? Role, int Start, int Length)
{
    /// <summary>True when the request rules the person out ("nothing by Spielberg", "斯蒂芬·金的看腻了") instead of asking for them.</summary>
    public bool Negated { get; init; }

    /// <summary>True when the request asks for work like theirs by others ("authors like Brandon Sanderson", "像诺兰那样的").</summary>
    public bool Likeness { get; init; }

    /// <summary>True when the curated data knows the name (an alias matched); false for a name read from its cue alone.</summary>
    public bool Known => Role is not null;

    /// <summary>The domain the name implies when the request does not say: books for an author, movies otherwise; null when unknown.</summary>
    public string? ImpliedDomain => Role switch
    {
        PersonRole.Author => IntentDomains.Book,
        null => null,
        _ => IntentDomains.Movie,
    };
}
