namespace AgentRec.Core.Catalog;

/// <summary>One CSV record: the line it starts on, its fields, or why it could not be read.</summary>
public readonly record struct CsvRow(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// Reads RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes), reporting the
/// starting line of every record so that a malformed one can be named precisely.
/// </summary>
public static class CsvRows
{
    /// <summary>Reads every record after the header; the header itself is returned through <paramref name="header"/>.</summary>
    public static IEnumerable<CsvRow> Read(TextReader reader, out IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var state = new State(reader);
        var first = state.Next();
        header = first is { Error: null } h ? h.Fields : [];
        return Remaining(state);
    }

    private static IEnumerable<CsvRow> Remaining(State state)
    {
        while (state.Next() is { } row)
        {
            yield return row;
        }
    }

    private sealed class State(TextReader reader)
    {
        private readonly StringBuilder _field = new();
        private int _line = 1;
        private bool _done;

        public CsvRow? Next()
        {
            while (!_done)
            {
                var start = _line;
                var fields = new List<string>();
                string? error = null;
                var inQuotes = false;
                var quotedField = false;
                var afterClosingQuote = false;
                _field.Clear();

                while (true)
                {
                    var c = reader.Read();
                    if (c < 0)
                    {
                        _done = true;
                        if (inQuotes)
                        {
                            error = "unterminated quoted field";
                        }

                        if (fields.Count == 0 && _field.Length == 0 && !quotedField && error is null)
                        {
                            return null;
                        }

                        fields.Add(_field.ToString());
                        return new CsvRow(start, fields, error);
                    }

                    var ch = (char)c;
                    if (inQuotes)
                    {
                        if (ch == '"')
                        {
                            if (reader.Peek() == '"')
                            {
                                reader.Read();
                                _field.Append('"');
                            }
                            else
                            {
                                inQuotes = false;
                                afterClosingQuote = true;
                            }
                        }
                        else
                        {
                            if (ch == '\n')
                            {
                                _line++;
                            }

                            _field.Append(ch);
                        }

                        continue;
                    }

                    switch (ch)
                    {
                        case ',':
                            fields.Add(_field.ToString());
                            _field.Clear();
                            quotedField = false;
                            afterClosingQuote = false;
                            break;
                        case '\r':
                            break;
                        case '\n':
                            _line++;
                            if (fields.Count == 0 && _field.Length == 0 && !quotedField)
                            {
                                // Blank line: skip it, the next record starts on the next line.
                                start = _line;
                                break;
                            }

                            fields.Add(_field.ToString());
                            return new CsvRow(start, fields, error);
                        case '"' when _field.Length == 0 && !quotedField:
                            inQuotes = true;
                            quotedField = true;
                            break;
                        default:
                            if (afterClosingQuote || ch == '"')
                            {
                                error ??= "stray quote inside a field";
                            }

                            _field.Append(ch);
                            break;
                    }
                }
            }

            return null;
        }
    }
}
