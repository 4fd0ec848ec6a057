namespace AgentRec.Core.Llm;

/// <summary>
/// Streams text while watching for stop sequences: text that may be the start of one is held back until it is known
/// not to be; at a stop sequence the text before it is released and the rest dropped.
/// </summary>
internal sealed class StopSequenceFilter
{
    private readonly string[] _stops;
    private readonly int _holdBack;
    private readonly StringBuilder _pending = new();

    public StopSequenceFilter(IEnumerable<string> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        _stops = [.. stops.Where(s => s.Length > 0)];
        _holdBack = _stops.Length == 0 ? 0 : _stops.Max(s => s.Length) - 1;
    }

    /// <summary>True once a stop sequence has been seen.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds <paramref name="piece"/> and returns the text now safe to emit (possibly empty).</summary>
    public string Push(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (Stopped)
        {
            return "";
        }

        if (_stops.Length == 0)
        {
            return piece;
        }

        _pending.Append(piece);
        var text = _pending.ToString();
        var at = -1;
        foreach (var stop in _stops)
        {
            var i = text.IndexOf(stop, StringComparison.Ordinal);
            if (i >= 0 && (at < 0 || i < at))
            {
                at = i;
            }
        }

        if (at >= 0)
        {
            Stopped = true;
            _pending.Clear();
            return text[..at];
        }

        var safe = Math.Max(0, text.Length - _holdBack);
        _pending.Remove(0, safe);
        return text[..safe];
    }

    /// <summary>The held-back text, at the end of generation.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }
}
