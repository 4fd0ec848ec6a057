using System.Collections;
using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Range = Qdrant.Client.Grpc.Range;

namespace AgentRec.Connectors.Qdrant;

/// <summary>
/// Translates the filter shapes AgentRec produces (see <see cref="ItemVectorFilter.ToExpression"/>) into a Qdrant
/// <see cref="Filter"/>: <c>&amp;&amp;</c> → must, <c>||</c> → should (or one any-match over a single field), <c>!</c> →
/// must_not, <c>==</c> → a keyword or integer match, year comparisons → range, <c>r.Genres.Contains(x)</c> → a keyword
/// match on the array, <c>values.Contains(r.Domain)</c> → an any-match. Anything else throws <see cref="NotSupportedException"/>.
/// </summary>
internal static class QdrantFilterTranslator
{
    /// <summary>Payload field names of <see cref="ItemVectorRecord"/>'s properties.</summary>
    public const string KeyField = "key";
    public const string DomainField = "domain";
    public const string GenresField = "genres";
    public const string YearField = "year";

    /// <summary>The Qdrant filter, or null when the expression accepts every record.</summary>
    public static Filter? Translate(Expression<Func<ItemVectorRecord, bool>> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var condition = Visit(filter.Body, filter.Parameters[0]);
        return condition is null ? null
            : condition.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Filter ? condition.Filter
            : new Filter { Must = { condition } };
    }

    private static Condition? Visit(Expression e, ParameterExpression r)
    {
        switch (e.NodeType)
        {
            case ExpressionType.Constant when e is ConstantExpression { Value: true }:
                return null;
            case ExpressionType.AndAlso:
                return And([.. Flatten(e, ExpressionType.AndAlso).Select(p => Visit(p, r)).OfType<Condition>()]);
            case ExpressionType.OrElse:
                var parts = Flatten(e, ExpressionType.OrElse).Select(p => Visit(p, r)).ToList();
                return parts.Any(p => p is null) ? null : Or([.. parts.OfType<Condition>()]);
            case ExpressionType.Not when e is UnaryExpression u:
                var inner = Visit(u.Operand, r) ?? throw Unsupported(e, "a filter that rejects every record");
                return OnlyMustNot(inner) is { Count: 1 } negated ? negated[0] : Nested(new Filter { MustNot = { inner } });
            case ExpressionType.Equal or ExpressionType.NotEqual when e is BinaryExpression b:
                var (field, value) = FieldAndValue(b, r);
                var match = Field(field, Exactly(value, e));
                return e.NodeType == ExpressionType.Equal ? match : Nested(new Filter { MustNot = { match } });
            case ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual when e is BinaryExpression b:
                return Ranged(b, r);
            case ExpressionType.Call when e is MethodCallExpression call && call.Method.Name == nameof(Enumerable.Contains):
                return Contains(call, r);
            default:
                throw Unsupported(e, $"node type {e.NodeType}");
        }
    }

    private static Condition? And(List<Condition> parts)
    {
        var filter = new Filter();
        foreach (var p in parts)
        {
            if (OnlyMustNot(p) is { } negated)
            {
                filter.MustNot.Add(negated);
            }
            else if (p.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Filter && p.Filter.Should.Count == 0 && p.Filter.MustNot.Count == 0)
            {
                foreach (var required in p.Filter.Must)
                {
                    AddMust(filter, required);
                }
            }
            else
            {
                AddMust(filter, p);
            }
        }

        return filter.MustNot.Count == 0 && filter.Must.Count <= 1 ? filter.Must.FirstOrDefault() : Nested(filter);
    }

    /// <summary>Adds a condition, merging two ranges over the same field into one (gte + lte → both bounds).</summary>
    private static void AddMust(Filter filter, Condition condition)
    {
        if (condition.Field is { Range: { } range } field)
        {
            foreach (var existing in filter.Must)
            {
                if (existing.Field is { Range: { } other } same && same.Key == field.Key && !Overlaps(range, other))
                {
                    if (range.HasGt) other.Gt = range.Gt;
                    if (range.HasGte) other.Gte = range.Gte;
                    if (range.HasLt) other.Lt = range.Lt;
                    if (range.HasLte) other.Lte = range.Lte;
                    return;
                }
            }
        }

        filter.Must.Add(condition.Clone());
    }

    private static bool Overlaps(Range a, Range b) =>
        (a.HasGt && b.HasGt) || (a.HasGte && b.HasGte) || (a.HasLt && b.HasLt) || (a.HasLte && b.HasLte);

    private static Condition Or(List<Condition> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        // Keyword matches over one field collapse into a single any-match.
        var key = parts[0].Field?.Key;
        if (key is not null && parts.All(p => p.Field?.Key == key && p.Field.Match is { } m
                && m.MatchValueCase is Match.MatchValueOneofCase.Keyword or Match.MatchValueOneofCase.Keywords))
        {
            var any = new RepeatedStrings();
            foreach (var p in parts)
            {
                if (p.Field.Match.MatchValueCase == Match.MatchValueOneofCase.Keyword)
                {
                    any.Strings.Add(p.Field.Match.Keyword);
                }
                else
                {
                    any.Strings.Add(p.Field.Match.Keywords.Strings);
                }
            }

            return Field(key, new Match { Keywords = any });
        }

        var should = new Filter();
        should.Should.Add(parts);
        return Nested(should);
    }

    private static Condition Contains(MethodCallExpression call, ParameterExpression r)
    {
        // Enumerable.Contains(source, value) or instance collection.Contains(value).
        var (source, item) = call.Object is null && call.Arguments.Count == 2 ? (call.Arguments[0], call.Arguments[1])
            : call.Object is not null && call.Arguments.Count == 1 ? (call.Object, call.Arguments[0])
            : throw Unsupported(call, "this Contains overload");
        if (FieldOf(source, r) is GenresField)
        {
            if (UsesParameter(item, r))
            {
                throw Unsupported(call, "Genres.Contains of a record-dependent value");
            }

            return Field(GenresField, Exactly(Evaluate(item), call));
        }

        if (!UsesParameter(source, r) && FieldOf(item, r) is { } field && field != GenresField)
        {
            var keywords = new RepeatedStrings();
            var integers = new RepeatedIntegers();
            foreach (var v in (Evaluate(source) as IEnumerable) ?? throw Unsupported(call, "a null value list"))
            {
                switch (v)
                {
                    case string s:
                        keywords.Strings.Add(s);
                        break;
                    case int i:
                        integers.Integers.Add(i);
                        break;
                    case long l:
                        integers.Integers.Add(l);
                        break;
                    default:
                        throw Unsupported(call, $"values of type {v?.GetType().Name ?? "null"}");
                }
            }

            if (keywords.Strings.Count > 0 && integers.Integers.Count > 0)
            {
                throw Unsupported(call, "a value list mixing text and numbers");
            }

            return Field(field, integers.Integers.Count > 0 ? new Match { Integers = integers } : new Match { Keywords = keywords });
        }

        throw Unsupported(call, "Contains other than r.Genres.Contains(value) or values.Contains(r.Field)");
    }

    private static Condition Ranged(BinaryExpression b, ParameterExpression r)
    {
        var flipped = FieldOf(b.Left, r) is null;
        var (field, value) = FieldAndValue(b, r);
        if (field != YearField)
        {
            throw Unsupported(b, $"a range over '{field}' (only Year)");
        }

        var bound = value switch
        {
            int i => (double)i,
            long l => l,
            null => throw Unsupported(b, "comparison with null"),
            _ => throw Unsupported(b, $"values of type {value.GetType().Name}"),
        };
        var range = new Range();
        switch (b.NodeType, flipped)
        {
            case (ExpressionType.GreaterThan, false) or (ExpressionType.LessThan, true):
                range.Gt = bound;
                break;
            case (ExpressionType.GreaterThanOrEqual, false) or (ExpressionType.LessThanOrEqual, true):
                range.Gte = bound;
                break;
            case (ExpressionType.LessThan, false) or (ExpressionType.GreaterThan, true):
                range.Lt = bound;
                break;
            default:
                range.Lte = bound;
                break;
        }

        return new Condition { Field = new FieldCondition { Key = field, Range = range } };
    }

    private static (string Field, object? Value) FieldAndValue(BinaryExpression b, ParameterExpression r)
    {
        if (FieldOf(b.Left, r) is { } left && !UsesParameter(b.Right, r))
        {
            return (left, Evaluate(b.Right));
        }

        if (FieldOf(b.Right, r) is { } right && !UsesParameter(b.Left, r))
        {
            return (right, Evaluate(b.Left));
        }

        throw Unsupported(b, "a comparison that is not record field versus value");
    }

    private static string? FieldOf(Expression e, ParameterExpression r)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u)
        {
            e = u.Operand;
        }

        return e is MemberExpression m && m.Expression == r
            ? m.Member.Name switch
            {
                nameof(ItemVectorRecord.Id) => KeyField,
                nameof(ItemVectorRecord.Domain) => DomainField,
                nameof(ItemVectorRecord.Genres) => GenresField,
                nameof(ItemVectorRecord.Year) => YearField,
                _ => throw new NotSupportedException($"Qdrant filters cannot read ItemVectorRecord.{m.Member.Name}; filter on Id, Domain, Genres or Year."),
            }
            : null;
    }

    private static Condition Field(string key, Match match) => new() { Field = new FieldCondition { Key = key, Match = match } };

    private static Condition Nested(Filter filter) => new() { Filter = filter };

    private static Match Exactly(object? value, Expression at) => value switch
    {
        string s => new Match { Keyword = s },
        int i => new Match { Integer = i },
        long l => new Match { Integer = l },
        bool b => new Match { Boolean = b },
        null => throw Unsupported(at, "comparison with null"),
        _ => throw Unsupported(at, $"values of type {value.GetType().Name}"),
    };

    /// <summary>The must_not conditions of <paramref name="condition"/> when it is a filter holding only those.</summary>
    private static Google.Protobuf.Collections.RepeatedField<Condition>? OnlyMustNot(Condition condition) =>
        condition.ConditionOneOfCase == Condition.ConditionOneOfOneofCase.Filter
            && condition.Filter is { Must.Count: 0, Should.Count: 0, MustNot.Count: > 0 } f && f.MinShould is null
            ? f.MustNot
            : null;

    private static object? Evaluate(Expression e) =>
        e is ConstantExpression c ? c.Value : Expression.Lambda(e).Compile(preferInterpretation: true).DynamicInvoke();

    private static IEnumerable<Expression> Flatten(Expression e, ExpressionType type) =>
        e.NodeType == type && e is BinaryExpression b ? Flatten(b.Left, type).Concat(Flatten(b.Right, type)) : [e];

    private static bool UsesParameter(Expression e, ParameterExpression r)
    {
        var finder = new ParameterFinder(r);
        finder.Visit(e);
        return finder.Found;
    }

    private static NotSupportedException Unsupported(Expression e, string what) =>
        new($"The Qdrant collection cannot translate {what} in the filter '{e}'. Supported: && || !, Domain/Id/Year == value, Year comparisons, r.Genres.Contains(value), values.Contains(r.Domain); build filters with ItemVectorFilter.ToExpression().");

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == parameter;
            return node;
        }
    }
}
