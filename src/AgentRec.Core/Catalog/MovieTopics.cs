using System.Collections.Frozen;
using System.Text.Json;

namespace AgentRec.Core.Catalog;

/// <summary>
/// What films are about, as curated knowledge (Catalog/Data/movie-topics.json): MovieLens user tags are sparse (one
/// film before 1980 is tagged "world war ii"), so the subjects people ask for ("slasher", "heist", "world war ii") are
/// also read from a list of the catalog's films that are centrally about each. Keys are the parser's topic keywords.
/// </summary>
public sealed class MovieTopics
{
    /// <summary>The embedded file's name, as errors name it.</summary>
    public const string FileName = "movie-topics.json";

    private static readonly Lazy<MovieTopics> Embedded = new(() => Load(
        typeof(MovieTopics).Assembly.GetManifestResourceStream("AgentRec.Catalog.Data." + FileName)
        ?? throw new CatalogLoadException($"{FileName}: not embedded in the assembly."), FileName));

    private readonly FrozenDictionary<string, string[]> _byMovie;

    private MovieTopics(FrozenDictionary<string, string[]> byMovie) => _byMovie = byMovie;

    /// <summary>The knowledge the product ships with.</summary>
    public static MovieTopics Default => Embedded.Value;

    /// <summary>How many films the knowledge speaks of.</summary>
    public int Count => _byMovie.Count;

    /// <summary>The topics of the film with MovieLens id <paramref name="movieId"/>, as keywords; empty when it names none.</summary>
    public IReadOnlyList<string> Of(string movieId) => _byMovie.TryGetValue(movieId, out var topics) ? topics : [];

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
