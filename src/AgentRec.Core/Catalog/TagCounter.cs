namespace AgentRec.Core.Catalog;

/// <summary>Counts tag applications case-insensitively, keeping the first spelling seen.</summary>
internal sealed class TagCounter
{
    private readonly Dictionary<string, (string Spelling, int Count, int Order)> _counts = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string tag, int weight = 1)
    {
        _counts[tag] = _counts.TryGetValue(tag, out var c) ? (c.Spelling, c.Count + weight, c.Order) : (tag, weight, _counts.Count);
    }

    /// <summary>Every tag's applications, by the first spelling seen.</summary>
    public IReadOnlyDictionary<string, int> Counts() =>
        _counts.Values.ToDictionary(v => v.Spelling, v => v.Count, StringComparer.OrdinalIgnoreCase);

    /// <summary>Tags, most applied first; ties keep first-seen order.</summary>
    public IReadOnlyList<string> Ranked(int max = 20) =>
        _counts.Values.OrderByDescending(v => v.Count).ThenBy(v => v.Order).Take(max).Select(v => v.Spelling).ToArray();
}
