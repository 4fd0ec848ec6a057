using System.Numerics;

namespace AgentRec.Core.Llm;

/// <summary>
/// A character-level state machine for compact JSON valid against a <see cref="SchemaNode"/>: object keys in schema
/// order (optional ones may be skipped, required ones may not), strings without escapes and bounded in length,
/// integers within their bounds, arrays bounded in size. Every accepted text is a prefix of a valid document and
/// <see cref="Complete"/> closes any prefix. A value type: a copy is a snapshot (enclosing values are an immutable chain).
/// </summary>
public struct JsonSchemaGrammar : ICharGrammar
{
    private const string Name = "JSON schema grammar";
    private const string NullText = "null";
    private const int MaxFractionDigits = 6;

    private SchemaNode _node;
    private Frame? _parent;
    private Stage _stage;
    private int _index;
    private int _pos;
    private long _num;
    private bool _negative;
    private ulong _mask;
    private int _tool;

    /// <summary>A grammar at the start of a value of <paramref name="root"/>.</summary>
    public JsonSchemaGrammar(SchemaNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _node = root;
        _stage = Stage.ValueStart;
        _tool = -1;
    }

    private enum Stage : byte
    {
        ValueStart,
        Null,
        Enum,
        StringBody,
        IntegerStart,
        IntegerDigits,
        FractionStart,
        FractionDigits,
        ObjectFirst,
        ObjectKey,
        ObjectAfter,
        ArrayFirst,
        ArrayAfter,
        ArrayElement,
        Done,
    }

    /// <summary>The tool chosen by a tool-call grammar's "name", or -1.</summary>
    public readonly int Tool => _tool;

    /// <inheritdoc />
    public readonly bool IsComplete => _stage == Stage.Done;

    /// <inheritdoc />
    public bool Feed(char c)
    {
        switch (_stage)
        {
            case Stage.ValueStart:
                return StartValue(c);
            case Stage.Null:
                if (NullText[_pos] != c)
                {
                    return false;
                }

                if (++_pos == NullText.Length)
                {
                    EndValue();
                }

                return true;
            case Stage.Enum:
                return FeedEnum(c);
            case Stage.StringBody:
                if (c == '"')
                {
                    EndValue();
                    return true;
                }

                if (c < ' ' || c == '\\' || _pos >= _node.MaxLength)
                {
                    return false;
                }

                _pos++;
                return true;
            case Stage.IntegerStart:
            case Stage.IntegerDigits:
            case Stage.FractionStart:
            case Stage.FractionDigits:
                return FeedNumber(c);
            case Stage.ObjectFirst:
            case Stage.ObjectAfter:
                if (c == '}' && !RequiredAhead())
                {
                    EndValue();
                    return true;
                }

                if (_stage == Stage.ObjectAfter)
                {
                    if (c != ',' || KeyCandidates() == 0)
                    {
                        return false;
                    }

                    (_stage, _pos, _mask) = (Stage.ObjectKey, 0, KeyCandidates());
                    return true;
                }

                (_stage, _pos, _mask) = (Stage.ObjectKey, 0, KeyCandidates());
                return _mask != 0 && FeedKey(c);
            case Stage.ObjectKey:
                return FeedKey(c);
            case Stage.ArrayFirst:
            case Stage.ArrayAfter:
                if (c == ']')
                {
                    EndValue();
                    return true;
                }

                if (_stage == Stage.ArrayAfter)
                {
                    if (c != ',' || _index >= _node.MaxItems)
                    {
                        return false;
                    }

                    _stage = Stage.ArrayElement;
                    return true;
                }

                return _node.MaxItems > 0 && StartElement(c);
            case Stage.ArrayElement:
                return StartElement(c);
            default:
                return false;
        }
    }

    /// <summary>The shortest text this grammar forces to close the document from here (empty when complete); does not change the state.</summary>
    public readonly string Complete() => CharGrammar.Complete(this, Name);

    /// <inheritdoc />
    public readonly char ForcedChar()
    {
        switch (_stage)
        {
            case Stage.ValueStart:
                return StartChar(_node);
            case Stage.Null:
                return NullText[_pos];
            case Stage.Enum:
                return _node.Options[BitOperations.TrailingZeroCount(_mask)][_pos];
            case Stage.StringBody:
                return '"';
            case Stage.IntegerStart:
                return _negative ? LowestDigit(Math.Max(1, -_node.Maximum)) : '0';
            case Stage.IntegerDigits:
                if (NumberCanEnd())
                {
                    var next = this;
                    next.EndValue();
                    return next.ForcedChar();
                }

                return CharGrammar.SmallestDigit(this, Name);
            case Stage.FractionStart:
                return '0';
            case Stage.FractionDigits:
                var after = this;
                after.EndValue();
                return after.ForcedChar();
            case Stage.ObjectFirst:
                return RequiredAhead() ? '"' : '}';
            case Stage.ObjectAfter:
                return RequiredAhead() ? ',' : '}';
            case Stage.ObjectKey:
                return _node.Properties[63 - BitOperations.LeadingZeroCount(_mask)].Key[_pos];
            case Stage.ArrayFirst:
            case Stage.ArrayAfter:
                return ']';
            case Stage.ArrayElement:
                return StartChar(_node.Items!);
            default:
                return '}';
        }
    }

    private static char StartChar(SchemaNode node) => node switch
    {
        { Nullable: true } => 'n',
        { Kind: SchemaKind.JsonObject } => '{',
        { Kind: SchemaKind.JsonArray } => '[',
        { Kind: SchemaKind.JsonInteger, Minimum: > 0 } n => LowestDigit(n.Minimum),
        { Kind: SchemaKind.JsonInteger, Maximum: < 0 } => '-',
        { Kind: SchemaKind.JsonInteger or SchemaKind.JsonNumber } => '0',
        { Options.Count: > 0 } n => n.Options[0][0],
        _ => '"',
    };

    private static char LowestDigit(long value) => value.ToString(CultureInfo.InvariantCulture)[0];

    private bool StartValue(char c)
    {
        _pos = 0;
        if (_node.Nullable && c == 'n')
        {
            (_stage, _pos) = (Stage.Null, 1);
            return true;
        }

        if (_node.Options.Count > 0)
        {
            (_stage, _mask) = (Stage.Enum, PrefixMask.All(_node.Options.Count));
            return FeedEnum(c);
        }

        switch (_node.Kind)
        {
            case SchemaKind.JsonObject:
                (_stage, _index) = (Stage.ObjectFirst, -1);
                return c == '{';
            case SchemaKind.JsonArray:
                (_stage, _index) = (Stage.ArrayFirst, 0);
                return c == '[';
            case SchemaKind.JsonInteger:
            case SchemaKind.JsonNumber:
                (_stage, _num, _negative) = (Stage.IntegerStart, 0, false);
                if (c == '-' && (_node.Kind == SchemaKind.JsonNumber || _node.Minimum < 0))
                {
                    _negative = true;
                    return true;
                }

                return FeedNumber(c);
            default:
                _stage = Stage.StringBody;
                return c == '"';
        }
    }

    private bool StartElement(char c)
    {
        _parent = new Frame(_node, _index, _parent);
        _node = _node.Items!;
        _stage = Stage.ValueStart;
        return StartValue(c);
    }

    private void EndValue()
    {
        if (_parent is not { } frame)
        {
            _stage = Stage.Done;
            return;
        }

        (_node, _parent, _pos) = (frame.Node, frame.Parent, 0);
        if (_node.Kind == SchemaKind.JsonArray)
        {
            (_index, _stage) = (frame.Index + 1, Stage.ArrayAfter);
        }
        else
        {
            (_index, _stage) = (frame.Index, Stage.ObjectAfter);
        }
    }

    private bool FeedEnum(char c)
    {
        if (!Narrow(_node.OptionTexts, c, out var i))
        {
            return false;
        }

        if (i >= 0)
        {
            // Quoted strings: a finished option is no prefix of another. "true"/"false" differ at the first char.
            if (_node.SelectsTool)
            {
                _tool = i;
            }

            EndValue();
        }

        return true;
    }

    private bool FeedKey(char c)
    {
        if (!Narrow(_node.KeyTexts, c, out var i))
        {
            return false;
        }

        if (i >= 0)
        {
            // Keys end with '":', so a finished key is no prefix of another.
            var value = _node.ToolArguments is { } tools && i == 1 ? tools[_tool] : _node.Properties[i].Value;
            _parent = new Frame(_node, i, _parent);
            (_node, _stage, _pos) = (value, Stage.ValueStart, 0);
        }

        return true;
    }

    // Keeps the texts (enum options or keys) that c continues; false when none does. ended: the text c finished, or -1.
    private bool Narrow(string[] texts, char c, out int ended)
    {
        var next = PrefixMask.Narrow(texts, _mask, _pos, c);
        if (next == 0)
        {
            ended = -1;
            return false;
        }

        (_mask, _pos) = (next, _pos + 1);
        ended = PrefixMask.Ended(texts, next, _pos);
        return true;
    }

    // The properties that may come next: each after the last one written, up to and including the first required one.
    private readonly ulong KeyCandidates()
    {
        ulong mask = 0;
        var properties = _node.Properties;
        for (var i = _index + 1; i < properties.Count; i++)
        {
            mask |= 1UL << i;
            if (properties[i].Required)
            {
                break;
            }
        }

        return mask;
    }

    private readonly bool RequiredAhead()
    {
        var properties = _node.Properties;
        for (var i = _index + 1; i < properties.Count; i++)
        {
            if (properties[i].Required)
            {
                return true;
            }
        }

        return false;
    }

    private bool FeedNumber(char c)
    {
        var isNumber = _node.Kind == SchemaKind.JsonNumber;
        switch (_stage)
        {
            case Stage.IntegerStart:
            case Stage.IntegerDigits:
                if (char.IsAsciiDigit(c) && FeedDigit(c))
                {
                    _stage = Stage.IntegerDigits;
                    return true;
                }

                if (_stage == Stage.IntegerStart || !NumberCanEnd())
                {
                    return false;
                }

                if (c == '.' && isNumber)
                {
                    (_stage, _pos) = (Stage.FractionStart, 0);
                    return true;
                }

                EndValue();
                return Feed(c);
            case Stage.FractionStart:
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                (_stage, _pos) = (Stage.FractionDigits, 1);
                return true;
            default:
                if (char.IsAsciiDigit(c))
                {
                    return _pos++ < MaxFractionDigits;
                }

                EndValue();
                return Feed(c);
        }
    }

    // Digits of the magnitude; a prefix is kept only when some completion of it lies within the bounds.
    private bool FeedDigit(char c)
    {
        var (min, max) = MagnitudeRange();
        if (min > max)
        {
            return false;
        }

        var digits = max.ToString(CultureInfo.InvariantCulture).Length;
        if ((_pos > 0 && _num == 0) || _pos >= digits)
        {
            return false;
        }

        var candidate = _num * 10 + (c - '0');
        var length = _pos + 1;
        var scale = 1L;
        for (var extra = 0; length + extra <= digits; extra++, scale *= 10)
        {
            var lo = candidate * scale;
            var hi = candidate == 0 ? 0 : (candidate + 1) * scale - 1;
            if (hi >= min && lo <= max)
            {
                (_num, _pos) = (candidate, length);
                return true;
            }

            if (candidate == 0)
            {
                break;
            }
        }

        return false;
    }

    private readonly bool NumberCanEnd()
    {
        var (min, max) = MagnitudeRange();
        return _pos > 0 && _num >= min && _num <= max;
    }

    private readonly (long Min, long Max) MagnitudeRange()
    {
        if (_node.Kind == SchemaKind.JsonNumber)
        {
            return (0, SchemaNode.DefaultIntegerBound);
        }

        return _negative
            ? (Math.Max(1, -_node.Maximum), -_node.Minimum)
            : (Math.Max(0, _node.Minimum), _node.Maximum);
    }

    private sealed record Frame(SchemaNode Node, int Index, Frame? Parent);
}
