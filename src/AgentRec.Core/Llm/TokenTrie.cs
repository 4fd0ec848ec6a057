namespace AgentRec.Core.Llm;

/// <summary>
/// A prefix tree over every token's text, built once per tokenizer, so the tokens a grammar state allows are found by
/// one walk that abandons a whole subtree at its first rejected character instead of testing each token.
/// </summary>
internal sealed class TokenTrie
{
    // Node 0 is the root. Children are a linked list: FirstChild → NextSibling.
    private readonly char[] _char;
    private readonly int[] _firstChild;
    private readonly int[] _nextSibling;
    private readonly int[] _firstToken;
    private readonly int[] _nextToken;

    public TokenTrie(IReadOnlyList<string?> tokenTexts)
    {
        ArgumentNullException.ThrowIfNull(tokenTexts);
        var children = new Dictionary<(int Parent, char C), int>();
        var chars = new List<char> { '\0' };
        var firstChild = new List<int> { -1 };
        var nextSibling = new List<int> { -1 };
        var firstToken = new List<int> { -1 };
        _nextToken = new int[tokenTexts.Count];
        Array.Fill(_nextToken, -1);
        for (var id = 0; id < tokenTexts.Count; id++)
        {
            var text = tokenTexts[id];
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var node = 0;
            foreach (var c in text)
            {
                if (!children.TryGetValue((node, c), out var child))
                {
                    child = chars.Count;
                    chars.Add(c);
                    firstChild.Add(-1);
                    nextSibling.Add(firstChild[node]);
                    firstToken.Add(-1);
                    firstChild[node] = child;
                    children[(node, c)] = child;
                }

                node = child;
            }

            _nextToken[id] = firstToken[node];
            firstToken[node] = id;
        }

        _char = [.. chars];
        _firstChild = [.. firstChild];
        _nextSibling = [.. nextSibling];
        _firstToken = [.. firstToken];
    }

    /// <summary>Adds to <paramref name="allowed"/> every token whose whole text <paramref name="state"/> accepts.</summary>
    public void CollectAllowed<TGrammar>(TGrammar state, List<int> allowed)
        where TGrammar : struct, ICharGrammar => Walk(0, state, allowed);

    /// <summary>
    /// Leaves finite in <paramref name="logits"/> only the tokens <paramref name="state"/> accepts; false (logits
    /// untouched) when it accepts none. <paramref name="allowed"/> and the vocabulary-wide <paramref name="scratch"/>
    /// are buffers the caller reuses across steps.
    /// </summary>
    public bool MaskLogits<TGrammar>(TGrammar state, Span<float> logits, List<int> allowed, float[] scratch)
        where TGrammar : struct, ICharGrammar
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(scratch);
        allowed.Clear();
        CollectAllowed(state, allowed);
        if (allowed.Count == 0)
        {
            return false;
        }

        foreach (var id in allowed)
        {
            scratch[id] = id < logits.Length ? logits[id] : float.NegativeInfinity;
        }

        logits.Fill(float.NegativeInfinity);
        foreach (var id in allowed)
        {
            if (id < logits.Length)
            {
                logits[id] = scratch[id];
            }
        }

        return true;
    }

    private void Walk<TGrammar>(int node, TGrammar state, List<int> allowed)
        where TGrammar : struct, ICharGrammar
    {
        for (var child = _firstChild[node]; child >= 0; child = _nextSibling[child])
        {
            var next = state;
            if (!next.Feed(_char[child]))
            {
                continue;
            }

            for (var t = _firstToken[child]; t >= 0; t = _nextToken[t])
            {
                allowed.Add(t);
            }

            Walk(child, next, allowed);
        }
    }
}
