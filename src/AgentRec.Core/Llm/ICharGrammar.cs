namespace AgentRec.Core.Llm;

/// <summary>
/// A character-level grammar state for constrained decoding. Implementations are small value types: a copy is a
/// snapshot, so a token is tried by feeding a copy and kept by keeping the copy.
/// </summary>
public interface ICharGrammar
{
    /// <summary>True once the text is a complete sentence of the grammar.</summary>
    bool IsComplete { get; }

    /// <summary>Accepts <paramref name="c"/> when the text so far plus it is still a valid prefix (on false the state may be stale: feed copies).</summary>
    bool Feed(char c);

    /// <summary>The character that closes the text soonest from this state (only asked while not complete).</summary>
    char ForcedChar();
}

/// <summary>What every character grammar does the same way on top of <see cref="ICharGrammar.Feed"/>.</summary>
public static class CharGrammar
{
    /// <summary>Feeds every character of <paramref name="text"/>; false (and <paramref name="grammar"/> unchanged) when any is rejected.</summary>
    public static bool TryFeed<TGrammar>(ref this TGrammar grammar, ReadOnlySpan<char> text)
        where TGrammar : struct, ICharGrammar
    {
        var copy = grammar;
        foreach (var c in text)
        {
            if (!copy.Feed(c))
            {
                return false;
            }
        }

        grammar = copy;
        return true;
    }

    /// <summary>The shortest text that completes <paramref name="grammar"/> (empty when complete); the state itself is not changed.</summary>
    public static string Complete<TGrammar>(TGrammar grammar, string name)
        where TGrammar : struct, ICharGrammar
    {
        var sb = new System.Text.StringBuilder();
        while (!grammar.IsComplete)
        {
            var c = grammar.ForcedChar();
            if (!grammar.Feed(c))
            {
                throw new InvalidOperationException($"{name} could not close after '{sb}'.");
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>The smallest digit <paramref name="grammar"/> accepts next, for closing a number it has begun; the state itself is not changed.</summary>
    public static char SmallestDigit<TGrammar>(TGrammar grammar, string name)
        where TGrammar : struct, ICharGrammar
    {
        for (var d = '0'; d <= '9'; d++)
        {
            var probe = grammar;
            if (probe.Feed(d))
            {
                return d;
            }
        }

        throw new InvalidOperationException($"{name}: no digit continues the number.");
    }
}
