namespace AgentRec.Core.Evaluation.Answers;

/// <summary>How one returned item was judged.</summary>
public enum ItemVerdict
{
    /// <summary>Fits the request, meets the floor, within any cap.</summary>
    Good,

    /// <summary>Does not fit the request.</summary>
    OffRequest,

    /// <summary>An item of another domain than the one asked for.</summary>
    OtherDomain,

    /// <summary>Under the evidence floor: junk.</summary>
    UnderFloor,

    /// <summary>Fits, but more items of its kind came back than the cap allows.</summary>
    OverCap,

    /// <summary>The catalog files hold no item with this id.</summary>
    NotInCatalog,
}

/// <summary>One returned item and its verdict.</summary>
public sealed record JudgedAnswerItem(string Id, string Title, ItemVerdict Verdict)
{
    /// <summary>The verdict in words, for reports.</summary>
    public string Reason => Verdict switch
    {
        ItemVerdict.Good => "good",
        ItemVerdict.OffRequest => "off the request",
        ItemVerdict.OtherDomain => "another domain",
        ItemVerdict.UnderFloor => "under the evidence floor",
        ItemVerdict.OverCap => "over the cap",
        _ => "not in the catalog files",
    };
}

/// <summary>The judgement of one case's last answer.</summary>
/// <param name="Score">good / max(returned, min(count, right answers held)); 0 under minItems; 1 when nothing was due and nothing came back.</param>
/// <param name="Items">Every returned item, in order, with its verdict.</param>
/// <param name="Held">How many right answers the catalog holds (relevant, over the floor, in the domain, caps applied).</param>
/// <param name="Due">min(count, held): how many items a full answer has.</param>
/// <param name="IsShort">Fewer items came back than were due, or than minItems.</param>
public sealed record AnswerVerdict(double Score, IReadOnlyList<JudgedAnswerItem> Items, int Held, int Due, bool IsShort)
{
    /// <summary>Good items.</summary>
    public int Good => Items.Count(i => i.Verdict == ItemVerdict.Good);

    /// <summary>Items under the floor or unknown to the catalog.</summary>
    public int Junk => Items.Count(i => i.Verdict is ItemVerdict.UnderFloor or ItemVerdict.NotInCatalog);
}

/// <summary>Judges answers against the catalog files (the scoring of shared/eval/README.md).</summary>
public sealed class AnswerJudge(AnswerFacts facts)
{
    /// <summary>The catalog facts the judge reads.</summary>
    public AnswerFacts Facts { get; } = facts;

    /// <summary>Judges the item ids <paramref name="returned"/> as the answer to <paramref name="case"/>.</summary>
    public AnswerVerdict Judge(AnswerCase @case, IReadOnlyList<string> returned)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(returned);
        var items = new List<JudgedAnswerItem>(returned.Count);
        var capped = 0;
        foreach (var id in returned)
        {
            if (Facts.Find(id) is not { } item)
            {
                items.Add(new JudgedAnswerItem(id, "?", ItemVerdict.NotInCatalog));
                continue;
            }

            var verdict = Fits(@case, item);
            if (verdict == ItemVerdict.Good && @case.Cap is { } cap && cap.Match.Matches(item) && ++capped > cap.Max)
            {
                verdict = ItemVerdict.OverCap;
            }

            items.Add(new JudgedAnswerItem(id, item.Title, verdict));
        }

        var held = Held(@case);
        var due = Math.Min(@case.Count, held);
        var good = items.Count(i => i.Verdict == ItemVerdict.Good);
        var denominator = Math.Max(items.Count, due);
        var tooFew = items.Count < @case.MinItems;
        var score = tooFew ? 0 : denominator == 0 ? 1 : (double)good / denominator;
        return new AnswerVerdict(score, items, held, due, tooFew || items.Count < due);
    }

    /// <summary>How many right answers the catalog holds for <paramref name="case"/>, caps applied.</summary>
    public int Held(AnswerCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        int free = 0, capped = 0;
        foreach (var item in Facts.Items)
        {
            if (Fits(@case, item) != ItemVerdict.Good)
            {
                continue;
            }

            if (@case.Cap is { } cap && cap.Match.Matches(item))
            {
                capped++;
            }
            else
            {
                free++;
            }
        }

        return free + (@case.Cap is { } c ? Math.Min(c.Max, capped) : 0);
    }

    private static ItemVerdict Fits(AnswerCase @case, JudgedItem item)
    {
        if (@case.Domain is { } domain && item.Domain != domain)
        {
            return ItemVerdict.OtherDomain;
        }

        if (@case.Floor is { } floor && !floor.Matches(item))
        {
            return ItemVerdict.UnderFloor;
        }

        return @case.Relevant.Matches(item) ? ItemVerdict.Good : ItemVerdict.OffRequest;
    }
}
