using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;

namespace AgentRec.Core.People;

/// <summary>A person or studio a request names, and how many of their items fit the domain asked for (0: the catalog holds nothing of theirs).</summary>
/// <param name="Name">Canonical name, or the name as written when no one knows it.</param>
/// <param name="Role">What they are known for; null for a name neither the curated data nor the catalog knows.</param>
/// <param name="ItemCount">Their items in the requested domain, at or above the evidence floor.</param>
public sealed record NamedPerson(string Name, PersonRole? Role, int ItemCount);

/// <summary>
/// The hard constraint a named person or studio puts on an answer: every returned item carries catalog evidence of
/// each of them (credited director, cast or author, a tag naming them, the studio's rule). The intent has no person
/// slot: a person travels as one of its keywords, canonical name, and is recognised here (by the curated aliases and
/// the catalog's credits), or as a name the request introduced with a cue ("films by Qwerty Zxcvb") that nobody knows.
/// </summary>
public sealed class PeopleConstraint
{
    private PeopleConstraint(IReadOnlyList<NamedPerson> named, bool[] allowed, RecommendationIntent retrievalIntent)
    {
        Named = named;
        Allowed = allowed;
        RetrievalIntent = retrievalIntent;
    }

    /// <summary>The people and studios named, in the order of the keywords.</summary>
    public IReadOnlyList<NamedPerson> Named { get; }

    /// <summary>Per catalog position: true when the item carries evidence of every named person (and is above the floor).</summary>
    public bool[] Allowed { get; }

    /// <summary>The intent for retrieval and ranking: the people's names are constraints, not topics to match in text.</summary>
    public RecommendationIntent RetrievalIntent { get; }

    /// <summary>True when some named person has nothing in the catalog for this request: the honest answer is no items.</summary>
    public bool Unanswerable => Named.Any(n => n.ItemCount == 0) || (Named.Count > 0 && !Array.Exists(Allowed, a => a));

    /// <summary>
    /// The constraint of <paramref name="intent"/>'s keywords that name people or studios, or null when none does.
    /// <paramref name="messages"/> are the request's own words (and the previous turn's), where an unfamiliar name's cue is read.
    /// </summary>
    public static PeopleConstraint? For(PeopleIndex index, ItemCatalog catalog, RecommendationIntent intent, params ReadOnlySpan<string?> messages)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(intent);
        var ruledOut = FindRuledOut(index, messages);
        if (intent.Keywords.Count == 0 && ruledOut.Count == 0)
        {
            return null;
        }

        HashSet<string>? unfamiliar = null;
        List<NamedPerson>? named = null;
        List<int[]?>? evidence = null;
        var topics = new List<string>(intent.Keywords.Count);
        foreach (var keyword in intent.Keywords)
        {
            if (index.Resolve(keyword) is { } facts)
            {
                (named ??= []).Add(new NamedPerson(facts.Name, facts.Role, CountIn(catalog, facts.Items, intent.Domain)));
                (evidence ??= []).Add(facts.Items);
                continue;
            }

            unfamiliar ??= Unfamiliar(index, messages);
            if (unfamiliar.Contains(PersonNames.Key(keyword)))
            {
                (named ??= []).Add(new NamedPerson(keyword.Trim(), null, 0));
                (evidence ??= []).Add(null);
                continue;
            }

            topics.Add(keyword);
        }

        if (named is null && ruledOut.Count == 0)
        {
            return null;
        }

        named ??= [];
        evidence ??= [];
        var allowed = new bool[catalog.Count];
        if (evidence.Count == 0)
        {
            Array.Fill(allowed, true);
        }

        for (var k = 0; k < evidence.Count; k++)
        {
            if (evidence[k] is not { } items)
            {
                Array.Clear(allowed);
                break;
            }

            if (k == 0)
            {
                foreach (var i in items)
                {
                    allowed[i] = true;
                }

                continue;
            }

            // Two names are both constraints ("Spielberg films with Tom Hanks"): keep what carries each.
            var keep = new bool[catalog.Count];
            foreach (var i in items)
            {
                keep[i] = allowed[i];
            }

            allowed = keep;
        }

        // Someone ruled out ("斯蒂芬·金的看腻了", "anything but Nolan") is a constraint the other way: none of their items.
        foreach (var facts in ruledOut)
        {
            foreach (var i in facts.Items)
            {
                allowed[i] = false;
            }
        }

        return new PeopleConstraint(named, allowed, intent with { Keywords = topics }) { RuledOut = [.. ruledOut.Select(f => f.Name)] };
    }

    /// <summary>The people and studios the request rules out, by canonical name.</summary>
    public IReadOnlyList<string> RuledOut { get; private init; } = [];

    // Named and ruled out in the request; or, when it asks for someone else ("换别的作家"), the people the previous turn asked for.
    private static List<PersonFacts> FindRuledOut(PeopleIndex index, ReadOnlySpan<string?> messages)
    {
        var ruledOut = new List<PersonFacts>();
        if (messages.Length == 0 || messages[0] is not { } message)
        {
            return ruledOut;
        }

        foreach (var m in index.Finder.Find(message))
        {
            if (m.Negated && m.Known && index.Resolve(m.Name) is { } facts)
            {
                ruledOut.Add(facts);
            }
        }

        if (messages.Length > 1 && messages[1] is { } previous && index.Finder.AsksForSomeoneElse(message))
        {
            foreach (var m in index.Finder.Find(previous))
            {
                if (!m.Negated && m.Known && index.Resolve(m.Name) is { } facts)
                {
                    ruledOut.Add(facts);
                }
            }
        }

        return ruledOut;
    }

    private static HashSet<string> Unfamiliar(PeopleIndex index, ReadOnlySpan<string?> messages)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message is null)
            {
                continue;
            }

            foreach (var mention in index.Finder.Find(message))
            {
                if (!mention.Known)
                {
                    keys.Add(PersonNames.Key(mention.Name));
                }
            }
        }

        return keys;
    }

    private static int CountIn(ItemCatalog catalog, int[] items, string domain)
    {
        var count = 0;
        foreach (var i in items)
        {
            var d = catalog.Items[i].Domain;
            if (domain == IntentDomains.Any || (domain == IntentDomains.Book) == (d == ItemDomain.Book))
            {
                count++;
            }
        }

        return count;
    }
}
