using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// The catalog's hard-filter fields laid out for a per-request scan over every item: a genre bit mask, the domain, the
/// year and the ratings (count and mean, for the evidence floor) of each item in flat arrays, so checking an intent against an item is a few integer operations instead of
/// string comparisons. <see cref="For"/> compiles an intent into a <see cref="CompiledFilter"/> that answers exactly as
/// <see cref="IntentFilter.Matches"/> does (a catalog with more than 64 genres falls back to it).
/// </summary>
public sealed class CatalogFilterIndex
{
    private const int NoYear = int.MinValue;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ItemCatalog, CatalogFilterIndex> ByCatalog = new();

    private readonly ItemCatalog _catalog;
    private readonly FrozenDictionary<string, int> _bitByGenre;
    private readonly ulong[] _genres;
    private readonly ItemDomain[] _domains;
    private readonly int[] _years;
    private readonly int[] _ratings;
    private readonly double[] _means;
    private readonly Lazy<bool[]> _lessKnown;

    /// <summary>The share of a five-year cohort of films, the most rated first, that is well known for its time.</summary>
    public const double WellKnownShare = 0.1;

    /// <summary>Lays out <paramref name="catalog"/>'s filter fields.</summary>
    public CatalogFilterIndex(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        var bits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in catalog.Items)
        {
            foreach (var genre in item.Genres)
            {
                bits.TryAdd(genre, bits.Count);
            }
        }

        Exact = bits.Count <= 64;
        _bitByGenre = bits.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        var n = catalog.Count;
        _genres = new ulong[n];
        _domains = new ItemDomain[n];
        _years = new int[n];
        _ratings = new int[n];
        _means = new double[n];
        _lessKnown = new(LessKnownForTheirTime);
        for (var i = 0; i < n; i++)
        {
            var item = catalog.Items[i];
            _domains[i] = item.Domain;
            _years[i] = item.Year ?? NoYear;
            _ratings[i] = item.Popularity;
            _means[i] = item.MeanRating;
            if (Exact)
            {
                foreach (var genre in item.Genres)
                {
                    _genres[i] |= 1UL << _bitByGenre[genre];
                }
            }
        }
    }

    /// <summary>The index of <paramref name="catalog"/>, built on first use and kept as long as the catalog lives.</summary>
    public static CatalogFilterIndex Of(ItemCatalog catalog) => ByCatalog.GetValue(catalog, static c => new CatalogFilterIndex(c));

    private bool[] LessKnownForTheirTime()
    {
        var lessKnown = new bool[_ratings.Length];
        Array.Fill(lessKnown, true);
        var cohorts = new Dictionary<int, List<int>>();
        for (var i = 0; i < _ratings.Length; i++)
        {
            if (_domains[i] == ItemDomain.Movie && _years[i] != NoYear)
            {
                var key = _years[i] / 5;
                if (!cohorts.TryGetValue(key, out var members))
                {
                    cohorts[key] = members = [];
                }

                members.Add(i);
            }
        }

        foreach (var members in cohorts.Values)
        {
            members.Sort((a, b) => _ratings[b].CompareTo(_ratings[a]));
            var threshold = _ratings[members[Math.Max(1, (int)(members.Count * WellKnownShare)) - 1]];
            foreach (var i in members)
            {
                lessKnown[i] = _ratings[i] < threshold || (threshold == 0 && _ratings[i] == 0);
            }
        }

        return lessKnown;
    }

    /// <summary>
    /// True when the item at <paramref name="i"/> clears <paramref name="floor"/> (as <see cref="EvidenceFloor.Admits"/>),
    /// read from flat arrays: the per-request scan touches no item object.
    /// </summary>
    public bool Admits(int i, in EvidenceFloor floor)
    {
        var movie = _domains[i] == ItemDomain.Movie;
        var ratings = _ratings[i];
        var max = movie ? floor.MaxMovieRatings : floor.MaxBookRatings;
        var mean = floor.MinMeanFor(movie);
        return ratings >= (movie ? floor.MovieRatings : floor.BookRatings) && (max == 0 || ratings <= max)
            && (mean <= 0 || _means[i] >= mean);
    }

    /// <summary>
    /// Per catalog position: false for a film among the <see cref="WellKnownShare"/> most rated of the films released in
    /// the same five years, true otherwise (and for every book). Few people rate new films, so twenty ratings make
    /// Thor: Ragnarok (2017) one of its time's best known, where twenty make a 1990s film a little known one: a hidden gem
    /// is little known for its time.
    /// </summary>
    public IReadOnlyList<bool> LessKnown => _lessKnown.Value;

    /// <summary>True when every genre has a bit (64 or fewer distinct genres); otherwise filters compare strings.</summary>
    public bool Exact { get; }

    /// <summary>
    /// The intent's hard constraints, ready to test items by catalog position; <paramref name="only"/>, when given, is a
    /// further constraint per position (a named person's or studio's items).
    /// </summary>
    public CompiledFilter For(RecommendationIntent intent, bool[]? only = null)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ulong required = 0, excluded = 0;
        var impossible = false;
        foreach (var genre in intent.Genres)
        {
            if (_bitByGenre.TryGetValue(genre, out var bit))
            {
                required |= 1UL << bit;
            }
            else
            {
                impossible = true; // no item carries it
            }
        }

        foreach (var genre in intent.ExcludeGenres)
        {
            if (_bitByGenre.TryGetValue(genre, out var bit))
            {
                excluded |= 1UL << bit;
            }
        }

        return new CompiledFilter(this, intent, required, excluded, impossible, only);
    }

    /// <summary>An intent's hard constraints over one catalog (see <see cref="CatalogFilterIndex"/>).</summary>
    public readonly struct CompiledFilter
    {
        private readonly CatalogFilterIndex _index;
        private readonly RecommendationIntent _intent;
        private readonly bool[]? _only;
        private readonly ulong _required;
        private readonly ulong _excluded;
        private readonly bool _impossible;
        private readonly bool _movies;
        private readonly bool _books;
        private readonly bool _hasFrom;
        private readonly bool _hasTo;
        private readonly int _from;
        private readonly int _to;

        internal CompiledFilter(CatalogFilterIndex index, RecommendationIntent intent, ulong required, ulong excluded, bool impossible, bool[]? only)
        {
            _index = index;
            _intent = intent;
            _movies = intent.Domain == IntentDomains.Movie;
            _books = intent.Domain == IntentDomains.Book;
            _hasFrom = intent.YearFrom is not null;
            _hasTo = intent.YearTo is not null;
            _from = intent.YearFrom ?? 0;
            _to = intent.YearTo ?? 0;
            _only = only;
            _required = required;
            _excluded = excluded;
            _impossible = impossible;
        }

        /// <summary>True when the item at <paramref name="i"/> breaks none of the constraints (as <see cref="IntentFilter.Matches"/>).</summary>
        public bool Matches(int i)
        {
            var index = _index;
            if (_only is not null && !_only[i])
            {
                return false;
            }

            if (!index.Exact)
            {
                return IntentFilter.Matches(index._catalog.Items[i], _intent);
            }

            var domain = index._domains[i];
            if ((_movies && domain != ItemDomain.Movie) || (_books && domain != ItemDomain.Book))
            {
                return false;
            }

            // Books carry genres derived from readers' tags (Catalog/BookGenres): the same constraint as movies.
            var genres = index._genres[i];
            if (_impossible || (genres & _required) != _required || (genres & _excluded) != 0)
            {
                return false;
            }

            var year = index._years[i];
            var hasYear = year != NoYear;
            if (_hasFrom && (!hasYear || year < _from))
            {
                return false;
            }

            return !_hasTo || (hasYear && year <= _to);
        }
    }
}
