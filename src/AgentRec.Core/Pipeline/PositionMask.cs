namespace AgentRec.Core.Pipeline;

/// <summary>Masks over catalog positions that a retrieval's <see cref="RetrievalQuery.Only"/> takes.</summary>
internal static class PositionMask
{
    /// <summary>The positions allowed by both <paramref name="only"/> (every position when null) and <paramref name="mask"/>.</summary>
    public static bool[] And(bool[]? only, IReadOnlyList<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var allowed = new bool[mask.Count];
        for (var i = 0; i < allowed.Length; i++)
        {
            allowed[i] = (only is null || only[i]) && mask[i];
        }

        return allowed;
    }
}
