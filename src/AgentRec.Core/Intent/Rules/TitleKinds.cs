namespace AgentRec.Core.Intent.Rules;

/// <summary>The kind of item the named titles are, and anchors read in the kind a conversation asks for.</summary>
internal sealed class TitleKinds(TitleResolver? titles)
{
    private readonly TitleResolver? _titles = titles;

    // "The Hunger Games" read as the film in a first turn, then "what should she read next?": the book of that title is
    // the anchor once the conversation asks for books.
    internal IReadOnlyList<TitleReference> InKind(IReadOnlyList<TitleReference> titles, string domain)
    {
        if (_titles is null || IntentDomains.ItemKind(domain) is not { } kind || titles.Count == 0)
        {
            return titles;
        }

        var result = new List<TitleReference>(titles.Count);
        foreach (var t in titles)
        {
            if (t.ItemId is { } id && _titles.Catalog.TryGet(id, out var item) && item.Domain != kind
                && _titles.InKind(new TitleMatch(item, 0), kind) is { } other && other.Item.Domain == kind)
            {
                result.Add(new TitleReference(other.Item.DisplayTitle, other.Item.Id));
                continue;
            }

            result.Add(t);
        }

        return result;
    }

    // Named titles that exist only as books ("fantasy like Throne of Glass") ask for books, and likewise for movies; the
    // resolver already preferred the request's kind where a title is both.
    internal string? TitlesDomain(TitleFindings found)
    {
        string? domain = null;
        foreach (var t in found.Titles)
        {
            if (t.ItemId is null || _titles is null || !_titles.Catalog.TryGet(t.ItemId, out var item))
            {
                continue;
            }

            var kind = IntentDomains.Of(item.Domain);
            if (domain is not null && domain != kind)
            {
                return null;
            }

            domain = kind;
        }

        return domain;
    }
}
