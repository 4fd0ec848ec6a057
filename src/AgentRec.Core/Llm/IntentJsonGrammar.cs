using System.Numerics;

namespace AgentRec.Core.Llm;

/// <summary>
/// A character-level state machine for the intent contract as compact JSON, keys in contract order:
/// <c>{"action":…,"domain":…,"genres":[…],"excludeGenres":[…],"yearFrom":…,"yearTo":…,"similarTo":[{"title":"…","itemId":null}],"keywords":["…"],"sort":…,"count":…}</c>.
/// Enums and genre names are closed sets (no repeated genre), years are 1870–2099 or null, count is 1–50, strings
/// have no escapes and bounded length, arrays bounded size; so every accepted text is a prefix of JSON that
/// deserialises into <see cref="RecommendationIntent"/>, and <see cref="Complete"/> closes any prefix.
/// The state is a small value type: copy it to try a character without committing.
/// </summary>
public struct IntentJsonGrammar : ICharGrammar, IEquatable<IntentJsonGrammar>
{
    public const int MaxGenres = 6;
    public const int MaxStrings = 5;
    public const int MaxStringLength = 40;
    public const int MaxTitleLength = 80;
    public const int MinYear = 1870;
    public const int MaxYear = 2099;

    private const string Name = "Intent grammar";
    private const string TitleOpen = "{\"title\":\"";
    private const string TitleClose = ",\"itemId\":null}";
    private const string NullText = "null";

    private static readonly Field[] Fields =
    [
        new("action", Kind.Enum, Quote(IntentActions.All)),
        new("domain", Kind.Enum, Quote(IntentDomains.All)),
        new("genres", Kind.GenreArray, Quote(IntentGenres.All)),
        new("excludeGenres", Kind.GenreArray, Quote(IntentGenres.All)),
        new("yearFrom", Kind.Year, []),
        new("yearTo", Kind.Year, []),
        new("similarTo", Kind.TitleArray, []),
        new("keywords", Kind.StringArray, []),
        new("sort", Kind.Enum, Quote(IntentSorts.All)),
        new("count", Kind.Count, []),
    ];

    private Stage _stage;
    private byte _field;
    private byte _items;
    private short _pos;
    private int _num;
    private ulong _mask;
    private ulong _used;

    private enum Stage : byte
    {
        Key,
        EnumBody,
        NullOrNumber,
        Null,
        Digits,
        ArrayOpen,
        ArrayFirst,
        ArrayAfter,
        ElementStart,
        StringBody,
        TitleOpen,
        TitleBody,
        TitleClose,
        Close,
        Done,
    }

    private enum Kind : byte
    {
        Enum,
        Year,
        Count,
        GenreArray,
        StringArray,
        TitleArray,
    }

    private sealed record Field(string Name, Kind Kind, string[] Options)
    {
        public string Key { get; } = (Name == "action" ? "{" : ",") + "\"" + Name + "\":";
    }

    /// <summary>True once the closing brace has been accepted.</summary>
    public readonly bool IsComplete => _stage == Stage.Done;

    public static bool operator ==(IntentJsonGrammar left, IntentJsonGrammar right) => left.Equals(right);

    public static bool operator !=(IntentJsonGrammar left, IntentJsonGrammar right) => !left.Equals(right);

    /// <summary>Same state: the same texts are accepted from here on.</summary>
    public readonly bool Equals(IntentJsonGrammar other) =>
        _stage == other._stage && _field == other._field && _items == other._items && _pos == other._pos
        && _num == other._num && _mask == other._mask && _used == other._used;

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is IntentJsonGrammar other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode() => HashCode.Combine(_stage, _field, _items, _pos, _num, _mask, _used);

    private readonly Field Current => Fields[_field];

    /// <summary>Accepts <paramref name="c"/> when the text so far plus it is still a valid prefix; otherwise false (the state may then be stale: feed copies).</summary>
    public bool Feed(char c)
    {
        switch (_stage)
        {
            case Stage.Key:
            case Stage.Close:
            case Stage.Null:
            case Stage.TitleOpen:
            case Stage.TitleClose:
                return FeedLiteral(c);
            case Stage.EnumBody:
                return FeedEnum(c);
            case Stage.NullOrNumber:
                if (c == 'n')
                {
                    (_stage, _pos) = (Stage.Null, 1);
                    return true;
                }

                (_stage, _num, _pos) = (Stage.Digits, 0, 0);
                return char.IsAsciiDigit(c) && FeedDigit(c);
            case Stage.Digits:
                if (char.IsAsciiDigit(c))
                {
                    return FeedDigit(c);
                }

                if (!NumberCanEnd())
                {
                    return false;
                }

                EndValue();
                return Feed(c);
            case Stage.ArrayOpen:
                if (c != '[')
                {
                    return false;
                }

                (_stage, _items, _used) = (Stage.ArrayFirst, 0, 0);
                return true;
            case Stage.ArrayFirst:
                if (c == ']')
                {
                    EndValue();
                    return true;
                }

                return StartElement(c);
            case Stage.ArrayAfter:
                if (c == ']')
                {
                    EndValue();
                    return true;
                }

                if (c == ',' && _items < MaxItems())
                {
                    _stage = Stage.ElementStart;
                    return true;
                }

                return false;
            case Stage.ElementStart:
                return StartElement(c);
            case Stage.StringBody:
            case Stage.TitleBody:
                var title = _stage == Stage.TitleBody;
                if (c == '"')
                {
                    if (title)
                    {
                        (_stage, _pos) = (Stage.TitleClose, 0);
                    }
                    else
                    {
                        EndElement();
                    }

                    return true;
                }

                if (c < ' ' || c == '\\' || _pos >= (title ? MaxTitleLength : MaxStringLength))
                {
                    return false;
                }

                _pos++;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The shortest text that closes the JSON from this state (empty when complete); does not change the state.</summary>
    public readonly string Complete() => CharGrammar.Complete(this, Name);

    /// <inheritdoc />
    public readonly char ForcedChar()
    {
        switch (_stage)
        {
            case Stage.Key:
                return Current.Key[_pos];
            case Stage.Close:
                return '}';
            case Stage.Null:
                return NullText[_pos];
            case Stage.TitleOpen:
                return TitleOpen[_pos];
            case Stage.TitleClose:
                return TitleClose[_pos];
            case Stage.EnumBody:
                return Options()[BitOperations.TrailingZeroCount(_mask)][_pos];
            case Stage.NullOrNumber:
                return 'n';
            case Stage.Digits:
                if (NumberCanEnd())
                {
                    var next = this;
                    next.EndValue();
                    return next.ForcedChar();
                }

                return CharGrammar.SmallestDigit(this, Name);
            case Stage.ArrayOpen:
                return '[';
            case Stage.ArrayFirst:
            case Stage.ArrayAfter:
                return ']';
            case Stage.ElementStart:
                return Current.Kind == Kind.TitleArray ? '{' : '"';
            default:
                return '"';
        }
    }

    private bool FeedLiteral(char c)
    {
        var literal = _stage switch
        {
            Stage.Key => Current.Key,
            Stage.Close => "}",
            Stage.Null => NullText,
            Stage.TitleOpen => TitleOpen,
            _ => TitleClose,
        };
        if (literal[_pos] != c)
        {
            return false;
        }

        _pos++;
        if (_pos < literal.Length)
        {
            return true;
        }

        switch (_stage)
        {
            case Stage.Key:
                BeginValue();
                break;
            case Stage.Close:
                _stage = Stage.Done;
                break;
            case Stage.Null:
                EndValue();
                break;
            case Stage.TitleOpen:
                (_stage, _pos) = (Stage.TitleBody, 0);
                break;
            default:
                EndElement();
                break;
        }

        return true;
    }

    private void BeginValue()
    {
        _pos = 0;
        switch (Current.Kind)
        {
            case Kind.Enum:
                (_stage, _mask) = (Stage.EnumBody, PrefixMask.All(Current.Options.Length));
                break;
            case Kind.Year:
                _stage = Stage.NullOrNumber;
                break;
            case Kind.Count:
                (_stage, _num) = (Stage.Digits, 0);
                break;
            default:
                _stage = Stage.ArrayOpen;
                break;
        }
    }

    private void EndValue()
    {
        _pos = 0;
        _field++;
        _stage = _field == Fields.Length ? Stage.Close : Stage.Key;
    }

    private void EndElement()
    {
        _items++;
        (_stage, _pos) = (Stage.ArrayAfter, 0);
    }

    private bool StartElement(char c)
    {
        _pos = 0;
        switch (Current.Kind)
        {
            case Kind.GenreArray:
                (_stage, _mask) = (Stage.EnumBody, PrefixMask.All(Current.Options.Length) & ~_used);
                return FeedEnum(c);
            case Kind.StringArray:
                _stage = Stage.StringBody;
                return c == '"';
            default:
                _stage = Stage.TitleOpen;
                return Feed(c);
        }
    }

    private bool FeedEnum(char c)
    {
        var options = Options();
        var next = PrefixMask.Narrow(options, _mask, _pos, c);
        if (next == 0)
        {
            return false;
        }

        _mask = next;
        _pos++;
        var i = PrefixMask.Ended(options, next, _pos);
        if (i >= 0)
        {
            // Quoted options: a finished one is no prefix of another.
            if (Current.Kind == Kind.GenreArray)
            {
                _used |= 1UL << i;
                EndElement();
            }
            else
            {
                EndValue();
            }
        }

        return true;
    }

    private bool FeedDigit(char c)
    {
        var (min, max) = Range();
        var digits = max.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        if ((_pos == 0 && c == '0') || _pos >= digits)
        {
            return false;
        }

        var candidate = _num * 10 + (c - '0');
        var length = _pos + 1;
        for (var extra = 0; length + extra <= digits; extra++)
        {
            var scale = (int)Math.Pow(10, extra);
            long lo = (long)candidate * scale, hi = (long)(candidate + 1) * scale - 1;
            if (hi >= min && lo <= max)
            {
                (_num, _pos) = (candidate, (short)length);
                return true;
            }
        }

        return false;
    }

    private readonly bool NumberCanEnd()
    {
        var (min, max) = Range();
        return _pos > 0 && _num >= min && _num <= max;
    }

    private readonly (int Min, int Max) Range() =>
        Current.Kind == Kind.Count ? (1, RecommendationIntent.MaxCount) : (MinYear, MaxYear);

    private readonly int MaxItems() => Current.Kind == Kind.GenreArray ? MaxGenres : MaxStrings;

    private readonly string[] Options() => Current.Options;

    private static string[] Quote(IReadOnlyList<string> values) => [.. values.Select(v => "\"" + v + "\"")];
}
