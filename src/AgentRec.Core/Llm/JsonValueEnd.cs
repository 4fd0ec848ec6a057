namespace AgentRec.Core.Llm;

/// <summary>
/// Follows streamed text of one JSON object or array and says where it closes, so that nothing a model emits after
/// the value (a second closing brace, whitespace, more tokens) reaches the answer.
/// </summary>
internal sealed class JsonValueEnd
{
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private bool _started;

    /// <summary>True once the top-level value has closed.</summary>
    public bool Complete { get; private set; }

    /// <summary>How many characters of <paramref name="piece"/> belong to the value (all of them until it closes, none after).</summary>
    public int Take(ReadOnlySpan<char> piece)
    {
        if (Complete)
        {
            return 0;
        }

        for (var i = 0; i < piece.Length; i++)
        {
            var c = piece[i];
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (c == '\\')
                {
                    _escaped = true;
                }
                else if (c == '"')
                {
                    _inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    _inString = true;
                    break;
                case '{' or '[':
                    _depth++;
                    _started = true;
                    break;
                case '}' or ']':
                    _depth--;
                    if (_started && _depth == 0)
                    {
                        Complete = true;
                        return i + 1;
                    }

                    break;
            }
        }

        return piece.Length;
    }
}
