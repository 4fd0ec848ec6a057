namespace AgentRec.Core.Contracts;

/// <summary>
/// Makes a client-supplied value safe to write into a log entry: control characters (CR, LF, ESC, …), lone
/// surrogates and the Unicode line and paragraph separators are escaped as <c>\uXXXX</c>, so a value can never start
/// a forged entry or drive a terminal, and the value is cut to <see cref="MaxLength"/> characters so one request
/// cannot fill the log.
/// </summary>
public static class LogText
{
    /// <summary>The most characters of one value written to a log entry.</summary>
    public const int MaxLength = 128;

    /// <summary>The value as it may be logged; <c>(null)</c> for null.</summary>
    public static string Safe(string? value, int maxLength = MaxLength)
    {
        if (value is null)
        {
            return "(null)";
        }

        var cut = value.Length > maxLength;
        var span = cut ? value.AsSpan(0, maxLength) : value.AsSpan();
        if (!cut && !NeedsEscape(span))
        {
            return value;
        }

        var builder = new StringBuilder(span.Length + 16);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                builder.Append(c).Append(span[i + 1]);
                i++;
            }
            else if (IsUnsafe(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (cut)
        {
            builder.Append(CultureInfo.InvariantCulture, $"…(+{value.Length - maxLength} chars)");
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) => char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029';
}
