using System.Linq.Expressions;
using System.Reflection;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// The hard constraints a vector search can push down to any store: domain, genres all-of and any-of, excluded genres
/// none-of, inclusive year range. <see cref="ToExpression"/> gives the LINQ filter every <see cref="ItemVectorRecord"/>
/// collection accepts (the Qdrant collection translates exactly these shapes).
/// </summary>
public sealed record ItemVectorFilter
{
    private static readonly MethodInfo ContainsMethod = typeof(Enumerable).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .First(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
        .MakeGenericMethod(typeof(string));

    /// <summary>"movie" or "book"; null for any.</summary>
    public string? Domain { get; init; }

    /// <summary>Every one of these genres.</summary>
    public IReadOnlyList<string> AllGenres { get; init; } = [];

    /// <summary>At least one of these genres (ignored when empty).</summary>
    public IReadOnlyList<string> AnyGenres { get; init; } = [];

    /// <summary>None of these genres.</summary>
    public IReadOnlyList<string> ExcludeGenres { get; init; } = [];

    /// <summary>Inclusive lower year bound; records without a year fail it.</summary>
    public int? YearFrom { get; init; }

    /// <summary>Inclusive upper year bound; records without a year fail it.</summary>
    public int? YearTo { get; init; }

    /// <summary>
    /// The part of <paramref name="intent"/>'s hard constraints a store can check from the payload. A superset of
    /// <see cref="IntentFilter"/>: for books genres are not pushed down (their genres are derived from tags at catalog load,
    /// and a store filled before that holds book records without them); the retriever re-checks every hit.
    /// </summary>
    public static ItemVectorFilter FromIntent(RecommendationIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var book = intent.Domain == IntentDomains.Book;
        return new ItemVectorFilter
        {
            Domain = intent.Domain is IntentDomains.Movie or IntentDomains.Book ? intent.Domain : null,
            AllGenres = book ? [] : intent.Genres,
            ExcludeGenres = book ? [] : intent.ExcludeGenres,
            YearFrom = intent.YearFrom,
            YearTo = intent.YearTo,
        };
    }

    /// <summary>True when <paramref name="record"/> satisfies every constraint.</summary>
    public bool Matches(ItemVectorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Domain is not null && !string.Equals(record.Domain, Domain, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var g in AllGenres)
        {
            if (!record.Genres.Contains(g))
            {
                return false;
            }
        }

        if (AnyGenres.Count > 0 && !AnyGenres.Any(record.Genres.Contains))
        {
            return false;
        }

        foreach (var g in ExcludeGenres)
        {
            if (record.Genres.Contains(g))
            {
                return false;
            }
        }

        return (YearFrom is not { } from || record.Year >= from) && (YearTo is not { } to || record.Year <= to);
    }

    /// <summary>
    /// The same constraints as a LINQ filter of this shape: <c>r.Domain == d &amp;&amp; r.Genres.Contains(a) &amp;&amp;
    /// (r.Genres.Contains(x) || ...) &amp;&amp; !(r.Genres.Contains(e) || ...) &amp;&amp; r.Year &gt;= from &amp;&amp; r.Year &lt;= to</c>.
    /// </summary>
    public Expression<Func<ItemVectorRecord, bool>> ToExpression()
    {
        var r = Expression.Parameter(typeof(ItemVectorRecord), "r");
        var genres = Expression.Property(r, nameof(ItemVectorRecord.Genres));
        Expression Has(string genre) => Expression.Call(ContainsMethod, genres, Expression.Constant(genre));
        var parts = new List<Expression>();
        if (Domain is not null)
        {
            parts.Add(Expression.Equal(Expression.Property(r, nameof(ItemVectorRecord.Domain)), Expression.Constant(Domain)));
        }

        parts.AddRange(AllGenres.Select(Has));
        if (AnyGenres.Count > 0)
        {
            parts.Add(AnyGenres.Select(Has).Aggregate(Expression.OrElse));
        }

        if (ExcludeGenres.Count > 0)
        {
            parts.Add(Expression.Not(ExcludeGenres.Select(Has).Aggregate(Expression.OrElse)));
        }

        var year = Expression.Property(r, nameof(ItemVectorRecord.Year));
        if (YearFrom is { } from)
        {
            parts.Add(Expression.GreaterThanOrEqual(year, Expression.Constant(from, typeof(int?))));
        }

        if (YearTo is { } to)
        {
            parts.Add(Expression.LessThanOrEqual(year, Expression.Constant(to, typeof(int?))));
        }

        var body = parts.Count == 0 ? Expression.Constant(true) : parts.Aggregate(Expression.AndAlso);
        return Expression.Lambda<Func<ItemVectorRecord, bool>>(body, r);
    }
}
