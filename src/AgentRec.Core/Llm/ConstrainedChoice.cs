namespace AgentRec.Core.Llm;

/// <summary>Picks the next token of a generation constrained by a character grammar.</summary>
internal static class ConstrainedChoice
{
    /// <summary>
    /// The next token, or −1 when the grammar allows none. Greedy decoding first tries the model's own top token: when
    /// the grammar accepts it, it is also the arg max of the allowed tokens (the first index of the overall maximum), so
    /// the step needs no list of allowed tokens. Otherwise the allowed tokens (from <paramref name="cache"/>, ascending
    /// ids) are gathered into <paramref name="compact"/> and sampled there: the choice sampling the whole vocabulary with
    /// every other token masked to −∞ would make, without touching the other logits.
    /// </summary>
    public static int Choose<TGrammar>(
        ReadOnlySpan<float> logits, TGrammar grammar, AllowedTokenCache<TGrammar> cache, LogitsSampler sampler, IReadOnlyList<string?> texts, float[] compact)
        where TGrammar : struct, ICharGrammar, IEquatable<TGrammar>
    {
        if (sampler.IsGreedy)
        {
            var top = TensorPrimitives.IndexOfMax(logits);
            if (top >= 0 && float.IsFinite(logits[top]) && Accepts(grammar, texts, top))
            {
                return top;
            }
        }

        var allowed = cache.Allowed(grammar);
        if (allowed.Length == 0)
        {
            return -1;
        }

        var values = compact.AsSpan(0, allowed.Length);
        for (var i = 0; i < allowed.Length; i++)
        {
            var id = allowed[i];
            values[i] = id < logits.Length ? logits[id] : float.NegativeInfinity;
        }

        return allowed[sampler.Sample(values)];
    }

    /// <summary>Whether <paramref name="grammar"/> accepts the whole (non-empty) text of <paramref name="token"/>, as the token trie's walk decides it.</summary>
    public static bool Accepts<TGrammar>(TGrammar grammar, IReadOnlyList<string?> texts, int token)
        where TGrammar : struct, ICharGrammar =>
        (uint)token < (uint)texts.Count && texts[token] is { Length: > 0 } text && CharGrammar.TryFeed(ref grammar, text);
}
