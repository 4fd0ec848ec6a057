using System.Collections;
using System.Linq.Expressions;
using System.Text.Json.Nodes;

namespace AgentRec.Core.Retrieval.Qdrant;

/// <summary>
/// Translates the filter shapes AgentRec produces (see <see cref="ItemVectorFilter.ToExpression"/>) into Qdrant's filter
/// JSON: <c>&amp;&amp;</c> → must, <c>||</c> → should (or one <c>match.any</c> over a single field), <c>!</c> → must_not,
/// <c>==</c> → <c>match.value</c>, year comparisons → <c>range</c>, <c>r.Genres.Contains(x)</c> → <c>match.value</c> on the
/// array, <c>values.Contains(r.Domain)</c> → <c>match.any</c>. Anything else throws <see cref="NotSupportedException"/>.
/// </summary>
internal static class QdrantFilterTranslator
{
    /// <summary>Payload field names of <see cref="ItemVectorRecord"/>'s properties.</summary>
    public const string KeyField = "key";
    public const string DomainField = "domain";
    public const string GenresField = "genres";
    public const string YearField = "year";

    /// <summary>The Qdrant filter object, or null when the expression accepts every record.</summary>
    public static JsonObject? Translate(Expression<Func<ItemVectorRecord, bool>> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var node = Visit(filter.Body, filter.Parameters[0]);
        if (node is null)
        {
            return null;
        }

        return IsFilter(node) ? node : new JsonObject { ["must"] = new JsonArray(node) };
    }

    private static JsonObject? Visit(Expression e, ParameterExpression r)
    {
        switch (e.NodeType)
        {
            case ExpressionType.Constant when e is ConstantExpression { Value: true }:
                return null;
            case ExpressionType.AndAlso:
                return And(Flatten(e, ExpressionType.AndAlso).Select(p => Visit(p, r)).OfType<JsonObject>().ToList());
            case ExpressionType.OrElse:
                var parts = Flatten(e, ExpressionType.OrElse).Select(p => Visit(p, r)).ToList();
                return parts.Any(p => p is null) ? null : Or(parts.OfType<JsonObject>().ToList());
            case ExpressionType.Not when e is UnaryExpression u:
                var inner = Visit(u.Operand, r) ?? throw Unsupported(e, "a filter that rejects every record");
                return Only(inner, "must_not") is { Count: 1 } negated ? (JsonObject)negated[0]!.DeepClone() : new JsonObject { ["must_not"] = new JsonArray(inner) };
            case ExpressionType.Equal or ExpressionType.NotEqual when e is BinaryExpression b:
                var (field, value) = FieldAndValue(b, r);
                var match = Match(field, "value", ToJson(value, e));
                return e.NodeType == ExpressionType.Equal ? match : new JsonObject { ["must_not"] = new JsonArray(match) };
            case ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual or ExpressionType.LessThan or ExpressionType.LessThanOrEqual when e is BinaryExpression b:
                return Range(b, r);
            case ExpressionType.Call when e is MethodCallExpression call && call.Method.Name == nameof(Enumerable.Contains):
                return Contains(call, r);
            default:
                throw Unsupported(e, $"node type {e.NodeType}");
        }
    }

    private static JsonObject? And(List<JsonObject> parts)
    {
        var must = new JsonArray();
        var mustNot = new JsonArray();
        foreach (var p in parts)
        {
            if (Only(p, "must_not") is { } negated)
            {
                foreach (var n in negated)
                {
                    mustNot.Add(n!.DeepClone());
                }
            }
            else if (Only(p, "must") is { } required)
            {
                foreach (var n in required)
                {
                    AddMust(must, (JsonObject)n!.DeepClone());
                }
            }
            else
            {
                AddMust(must, p);
            }
        }

        if (mustNot.Count == 0 && must.Count <= 1)
        {
            return must.Count == 0 ? null : (JsonObject)must[0]!.DeepClone();
        }

        var filter = new JsonObject();
        if (must.Count > 0)
        {
            filter["must"] = must;
        }

        if (mustNot.Count > 0)
        {
            filter["must_not"] = mustNot;
        }

        return filter;
    }

    /// <summary>Adds a condition, merging two ranges over the same field into one (gte + lte → both bounds).</summary>
    private static void AddMust(JsonArray must, JsonObject condition)
    {
        if (condition["range"] is JsonObject range && condition["key"]?.GetValue<string>() is { } key)
        {
            foreach (var existing in must.OfType<JsonObject>())
            {
                if (existing["range"] is JsonObject other && existing["key"]?.GetValue<string>() == key && !range.Any(kv => other.ContainsKey(kv.Key)))
                {
                    foreach (var (name, bound) in range)
                    {
                        other[name] = bound!.DeepClone();
                    }

                    return;
                }
            }
        }

        must.Add(condition);
    }

    private static JsonObject Or(List<JsonObject> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        // Matches over one field collapse into a single match.any.
        var key = parts[0]["key"]?.GetValue<string>();
        if (key is not null && parts.All(p => p["key"]?.GetValue<string>() == key && p["match"] is JsonObject m && (m.ContainsKey("value") || m.ContainsKey("any"))))
        {
            var any = new JsonArray();
            foreach (var p in parts)
            {
                var m = (JsonObject)p["match"]!;
                var values = m["value"] is { } v ? [v] : m["any"]!.AsArray().ToList();
                foreach (var value in values)
                {
                    any.Add(value!.DeepClone());
                }
            }

            return Match(key, "any", any);
        }

        return new JsonObject { ["should"] = new JsonArray([.. parts]) };
    }

    private static JsonObject Contains(MethodCallExpression call, ParameterExpression r)
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

            return Match(GenresField, "value", ToJson(Evaluate(item), call));
        }

        if (!UsesParameter(source, r) && FieldOf(item, r) is { } field && field != GenresField)
        {
            var any = new JsonArray();
            foreach (var v in (Evaluate(source) as IEnumerable) ?? throw Unsupported(call, "a null value list"))
            {
                any.Add(ToJson(v, call));
            }

            return Match(field, "any", any);
        }

        throw Unsupported(call, "Contains other than r.Genres.Contains(value) or values.Contains(r.Field)");
    }

    private static JsonObject Range(BinaryExpression b, ParameterExpression r)
    {
        var flipped = FieldOf(b.Left, r) is null;
        var (field, value) = FieldAndValue(b, r);
        if (field != YearField)
        {
            throw Unsupported(b, $"a range over '{field}' (only Year)");
        }

        var op = (b.NodeType, flipped) switch
        {
            (ExpressionType.GreaterThan, false) or (ExpressionType.LessThan, true) => "gt",
            (ExpressionType.GreaterThanOrEqual, false) or (ExpressionType.LessThanOrEqual, true) => "gte",
            (ExpressionType.LessThan, false) or (ExpressionType.GreaterThan, true) => "lt",
            _ => "lte",
        };
        return new JsonObject { ["key"] = field, ["range"] = new JsonObject { [op] = ToJson(value, b) } };
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

    private static JsonObject Match(string field, string kind, JsonNode? value) =>
        new() { ["key"] = field, ["match"] = new JsonObject { [kind] = value } };

    private static JsonNode ToJson(object? value, Expression at) => value switch
    {
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        null => throw Unsupported(at, "comparison with null"),
        _ => throw Unsupported(at, $"values of type {value.GetType().Name}"),
    };

    private static object? Evaluate(Expression e) =>
        e is ConstantExpression c ? c.Value : Expression.Lambda(e).Compile(preferInterpretation: true).DynamicInvoke();

    private static IEnumerable<Expression> Flatten(Expression e, ExpressionType type) =>
        e.NodeType == type && e is BinaryExpression b ? Flatten(b.Left, type).Concat(Flatten(b.Right, type)) : [e];

    private static bool IsFilter(JsonObject node) => node.ContainsKey("must") || node.ContainsKey("should") || node.ContainsKey("must_not");

    /// <summary>The array of <paramref name="clause"/> when it is <paramref name="node"/>'s only member.</summary>
    private static JsonArray? Only(JsonObject node, string clause) =>
        node.Count == 1 && node[clause] is JsonArray a ? a : null;

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
