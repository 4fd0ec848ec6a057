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
}
