namespace AgentRec.Core.Catalog;

/// <summary>
/// What films are about, as curated knowledge (Catalog/Data/movie-topics.json): MovieLens user tags are sparse (one
/// film before 1980 is tagged "world war ii"), so the subjects people ask for ("slasher", "heist", "world war ii") are
/// also read from a list of the catalog's films that are centrally about each. Keys are the parser's topic keywords.
/// Catalog/Data/movie-countries.json says, the same way, which country's cinema a film belongs to ("Hong Kong"), under
/// the names of the country entries of People/Data/studios.yaml.
/// </summary>
public sealed class MovieTopics
{
    /// <summary>The embedded file's name, as errors name it.</summary>
    public const string FileName = "movie-topics.json";

    /// <summary>The embedded file of the countries whose cinema films belong to, read the same way.</summary>
    public const string CountriesFileName = "movie-countries.json";

    private static readonly Lazy<MovieTopics> Embedded = new(() => Merge(Load(Open(FileName), FileName), Load(Open(CountriesFileName), CountriesFileName)));

    private readonly FrozenDictionary<string, string[]> _byMovie;
    private readonly FrozenSet<string> _topics;

    private MovieTopics(FrozenDictionary<string, string[]> byMovie)
    {
        _byMovie = byMovie;
        _topics = byMovie.Values.SelectMany(t => t).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The knowledge the product ships with.</summary>
    public static MovieTopics Default => Embedded.Value;

    /// <summary>How many films the knowledge speaks of.</summary>
    public int Count => _byMovie.Count;

    /// <summary>True when the knowledge names films for <paramref name="topic"/> (a keyword, any case).</summary>
    public bool Knows(string topic) => _topics.Contains(topic);

    /// <summary>The topics of the film with MovieLens id <paramref name="movieId"/>, as keywords; empty when it names none.</summary>
    public IReadOnlyList<string> Of(string movieId) => _byMovie.TryGetValue(movieId, out var topics) ? topics : [];

    private static Stream Open(string fileName) =>
        typeof(MovieTopics).Assembly.GetManifestResourceStream("AgentRec.Catalog.Data." + fileName)
        ?? throw new CatalogLoadException($"{fileName}: not embedded in the assembly.");

    /// <summary>The topics of both, a film's from each.</summary>
    public static MovieTopics Merge(MovieTopics first, MovieTopics second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var byMovie = first._byMovie.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (id, topics) in second._byMovie)
        {
            byMovie[id] = byMovie.TryGetValue(id, out var mine) ? [.. mine.Union(topics, StringComparer.OrdinalIgnoreCase)] : topics;
        }

        return new MovieTopics(byMovie.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Reads a topic file; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="CatalogLoadException">The file is not valid JSON or an entry lacks a movie id; the message names the file (and line).</exception>
    public static MovieTopics Load(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var byMovie = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var topic in document.RootElement.GetProperty("topics").EnumerateObject())
            {
                if (topic.Name.Trim().Length == 0)
                {
                    throw new CatalogLoadException($"{name}: a topic has an empty name.");
                }

                foreach (var film in topic.Value.EnumerateArray())
                {
                    var id = film.GetProperty("movieId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var topics = byMovie.TryGetValue(id, out var list) ? list : byMovie[id] = [];
                    if (!topics.Contains(topic.Name, StringComparer.OrdinalIgnoreCase))
                    {
                        topics.Add(topic.Name);
                    }
                }
            }

            return new MovieTopics(byMovie.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            var line = ex is JsonException { LineNumber: { } l } ? $" line {l + 1}" : "";
            throw new CatalogLoadException($"{name}{line}: {ex.Message}");
        }
    }
}
