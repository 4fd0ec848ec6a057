namespace AgentRec.Core.Intent.Rules;

/// <summary>Slot values as lists that keep the order they were said in, compared without case.</summary>
internal static class WordLists
{
    internal static void AddDistinct(List<string> list, IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            if (!Contains(list, v))
            {
                list.Add(v);
            }
        }
    }

    internal static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
