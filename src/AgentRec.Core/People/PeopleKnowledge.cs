using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentRec.Core.People;

/// <summary>One curated person (or group credited together): the canonical name and every other name for them.</summary>
/// <param name="Name">Canonical Latin name, as the catalog credits it.</param>
/// <param name="Role">What they are known for.</param>
/// <param name="Aliases">Other names matched anywhere in a request (Chinese renderings, unambiguous surnames).</param>
/// <param name="CueOnly">Short names matched only right after a cue word ("by King").</param>
/// <param name="Credits">Other spellings or members the catalog credits (the Coen brothers: Joel Coen, Ethan Coen).</param>
/// <param name="Line">The line of the data file the entry is on.</param>
public sealed record PersonEntry(string Name, PersonRole Role, IReadOnlyList<string> Aliases, IReadOnlyList<string> CueOnly, IReadOnlyList<string> Credits, int Line);

/// <summary>
/// One curated studio or film series and the catalog evidence that a movie is theirs (the rule is stated in
/// studios.yaml; franchises.yaml uses the same rule).
/// </summary>
public sealed record StudioEntry(
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Directors,
    IReadOnlyList<string> Titles,
    string? Genre,
    int? YearFrom,
    IReadOnlyList<string> Except,
    int Line)
{
    /// <summary><see cref="PersonRole.Studio"/>, or <see cref="PersonRole.Franchise"/> for a film series.</summary>
    public PersonRole Role { get; init; } = PersonRole.Studio;

    /// <summary>Authors whose books are the entry's (a country's literature): its evidence among books.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>Other entries whose films and books are this one's too (Chinese-language cinema: Hong Kong's and Mainland China's).</summary>
    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>True for a country (or region) rather than a studio: an entry with a literature of its own.</summary>
    public bool IsCountry => Authors.Count > 0;
}

/// <summary>The cue words a name is read with, in English and Chinese.</summary>
/// <param name="EnglishBefore">Words right before a name ("directed by", "by").</param>
/// <param name="ChineseAfter">What follows a Chinese name ("导演的", "的小说").</param>
/// <param name="ChineseBefore">What introduces an unfamiliar Chinese name ("作家叫").</param>
/// <param name="EnglishNotCredit">Words that, right before a cue, mean it credits no one ("inspired by", "surrounded by").</param>
public sealed record PersonCues(
    IReadOnlyList<string> EnglishBefore, IReadOnlyList<string> ChineseAfter, IReadOnlyList<string> ChineseBefore, IReadOnlyList<string> EnglishNotCredit)
{
    /// <summary>Words right before a name that rule the person out ("nothing by", "除了").</summary>
    public IReadOnlyList<string> NegationBefore { get; init; } = [];

    /// <summary>Words after a name that rule the person out ("看腻了": the user has had enough of them).</summary>
    public IReadOnlyList<string> NegationAfter { get; init; } = [];

    /// <summary>Words ending a clause that rule out every name in it ("宫崎骏皮克斯那种人人都刷过的就免了").</summary>
    public IReadOnlyList<string> NegationClauseEnd { get; init; } = [];

    /// <summary>Phrases that ask for someone other than the person asked about before ("别的导演", "other authors").</summary>
    public IReadOnlyList<string> SomeoneElse { get; init; } = [];

    /// <summary>Words right before a name that ask for work like theirs by others ("authors like", "类似").</summary>
    public IReadOnlyList<string> LikenessBefore { get; init; } = [];

    /// <summary>Words after a name that ask for work like theirs by others ("那样的").</summary>
    public IReadOnlyList<string> LikenessAfter { get; init; } = [];

    /// <summary>Words asking for work like that of the person asked about before ("风格差不多", "similar").</summary>
    public IReadOnlyList<string> LikenessAnaphoric { get; init; } = [];

    /// <summary>Words before titles of the person's own that leave them out ("besides 1984", "already seen Pulp Fiction", "除了1984").</summary>
    public IReadOnlyList<string> TitlesDoneBefore { get; init; } = [];

    /// <summary>
    /// Words right before a name, after a title it made, that ask for the person's works rather than say which title is
    /// meant ("Heat, starring Pacino"; "finished The Final Empire, what else has Sanderson written?").
    /// </summary>
    public IReadOnlyList<string> AskingBefore { get; init; } = [];

    /// <summary>Chinese names of series and the words of their English names ("波洛" → "poirot"): "想看波洛探案的" names the Poirot books.</summary>
    public IReadOnlyList<(string Chinese, string English)> SeriesNames { get; init; } = [];
}

/// <summary>A data file of people or studios is malformed; the message names the file and the line.</summary>
public sealed class PeopleDataException : Exception
{
    /// <summary>An error at <paramref name="line"/> of <paramref name="file"/>.</summary>
    public PeopleDataException(string file, int line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        LineNumber = line;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public PeopleDataException()
    {
        File = string.Empty;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public PeopleDataException(string message)
        : base(message)
    {
        File = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PeopleDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    /// <summary>The data file's name.</summary>
    public string File { get; }

    /// <summary>The 1-based line the problem is on.</summary>
    public int LineNumber { get; }
}

/// <summary>
/// The curated knowledge about people and studios (src/AgentRec.Core/People/Data/*.yaml, embedded in the assembly):
/// who they are, what users call them, and the cue words around a name. Loaded and validated once; every problem is
/// reported with its file and line.
/// </summary>
public sealed class PeopleKnowledge
{
    /// <summary>The embedded people file's name, as errors name it.</summary>
    public const string PeopleFileName = "people.yaml";

    /// <summary>The embedded studios file's name, as errors name it.</summary>
    public const string StudiosFileName = "studios.yaml";

    /// <summary>The embedded film series file's name, as errors name it.</summary>
    public const string FranchisesFileName = "franchises.yaml";

    private static readonly Lazy<PeopleKnowledge> Embedded = new(LoadEmbedded);

    private PeopleKnowledge(IReadOnlyList<PersonEntry> people, IReadOnlyList<StudioEntry> collections, PersonCues cues)
    {
        People = people;
        Collections = collections;
        Studios = [.. collections.Where(c => c.Role == PersonRole.Studio)];
        Franchises = [.. collections.Where(c => c.Role == PersonRole.Franchise)];
        Cues = cues;
        var byName = new Dictionary<string, PersonEntry>(StringComparer.Ordinal);
        foreach (var p in people)
        {
            byName[PersonNames.Key(p.Name)] = p;
        }

        foreach (var s in collections)
        {
            byName[PersonNames.Key(s.Name)] = new PersonEntry(s.Name, s.Role, s.Aliases, [], [], s.Line);
        }

        ByKey = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The curated people.</summary>
    public IReadOnlyList<PersonEntry> People { get; }

    /// <summary>The curated studios.</summary>
    public IReadOnlyList<StudioEntry> Studios { get; }

    /// <summary>The curated film series.</summary>
    public IReadOnlyList<StudioEntry> Franchises { get; }

    /// <summary>The studios and film series together: every named set of movies found by the studio rule.</summary>
    public IReadOnlyList<StudioEntry> Collections { get; }

    /// <summary>The cue words.</summary>
    public PersonCues Cues { get; }

    /// <summary>Every person, studio and film series (the latter as entries of their role) by the key of its canonical name.</summary>
    internal FrozenDictionary<string, PersonEntry> ByKey { get; }

    /// <summary>The knowledge embedded in the assembly, loaded on first use (a malformed file throws <see cref="PeopleDataException"/>).</summary>
    public static PeopleKnowledge Default => Embedded.Value;

    /// <summary>
    /// Parses and validates the files' text (the film series file is optional); <paramref name="peopleFile"/>,
    /// <paramref name="studiosFile"/> and <paramref name="franchisesFile"/> name them in errors.
    /// </summary>
    public static PeopleKnowledge Parse(
        string peopleYaml,
        string studiosYaml,
        string peopleFile = PeopleFileName,
        string studiosFile = StudiosFileName,
        string? franchisesYaml = null,
        string franchisesFile = FranchisesFileName)
    {
        ArgumentNullException.ThrowIfNull(peopleYaml);
        ArgumentNullException.ThrowIfNull(studiosYaml);
        var peopleRoot = Root(peopleYaml, peopleFile);
        var studiosRoot = Root(studiosYaml, studiosFile);
        var cues = ReadCues(peopleRoot, peopleFile);
        var seen = new Dictionary<string, (string Owner, int Line)>(StringComparer.Ordinal);
        var people = new List<PersonEntry>();
        foreach (var node in Sequence(peopleRoot, "people", peopleFile))
        {
            people.Add(ReadPerson(node, peopleFile, seen));
        }

        var studios = new List<StudioEntry>();
        foreach (var node in Sequence(studiosRoot, "studios", studiosFile))
        {
            studios.Add(ReadStudio(node, studiosFile, seen));
        }

        CheckExcept(studios, studiosFile);
        if (franchisesYaml is not null)
        {
            var franchises = new List<StudioEntry>();
            foreach (var node in Sequence(Root(franchisesYaml, franchisesFile), "franchises", franchisesFile))
            {
                franchises.Add(ReadStudio(node, franchisesFile, seen) with { Role = PersonRole.Franchise });
            }

            CheckExcept(franchises, franchisesFile);
            studios.AddRange(franchises);
        }

        return new PeopleKnowledge(people, studios, cues);
    }

    private static PeopleKnowledge LoadEmbedded()
    {
        return Parse(ReadResource(PeopleFileName), ReadResource(StudiosFileName), franchisesYaml: ReadResource(FranchisesFileName));
    }

    // 'except' names another entry of the same file, whose films are then not these.
    private static void CheckExcept(List<StudioEntry> entries, string file)
    {
        foreach (var entry in entries)
        {
            foreach (var other in entry.Except)
            {
                if (!entries.Exists(s => s.Name == other))
                {
                    throw new PeopleDataException(file, entry.Line, $"'except' of {entry.Name} names {other}, which is no entry of this file");
                }
            }
        }
    }

    private static string ReadResource(string file)
    {
        var assembly = typeof(PeopleKnowledge).Assembly;
        var name = $"AgentRec.Core.People.Data.{file}";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new PeopleDataException(file, 0, $"the embedded resource {name} is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static YamlMappingNode Root(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new PeopleDataException(file, (int)ex.Start.Line, "not valid YAML: " + ex.Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PeopleDataException(file, 1, "the file must hold one mapping at its top level");
        }

        return root;
    }

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode root, string key, string file)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlSequenceNode sequence)
        {
            throw new PeopleDataException(file, (int)root.Start.Line, $"a top-level list '{key}' is required");
        }

        return sequence.Children;
    }

    private static PersonCues ReadCues(YamlMappingNode root, string file)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("cues"), out var node) || node is not YamlMappingNode cues)
        {
            throw new PeopleDataException(file, (int)root.Start.Line, "a top-level mapping 'cues' is required");
        }

        var english = Child(cues, "english", file);
        var chinese = Child(cues, "chinese", file);
        // Optional: without it no request rules anyone out.
        var negation = cues.Children.ContainsKey(new YamlScalarNode("negation")) ? Child(cues, "negation", file) : new YamlMappingNode();
        var likeness = cues.Children.ContainsKey(new YamlScalarNode("likeness")) ? Child(cues, "likeness", file) : new YamlMappingNode();
        return new PersonCues(
            Strings(english, "before", file, required: true),
            Strings(chinese, "after", file, required: true),
            Strings(chinese, "before", file, required: false),
            Strings(english, "notCredit", file, required: false))
        {
            NegationBefore = Strings(negation, "before", file, required: false),
            NegationAfter = Strings(negation, "after", file, required: false),
            NegationClauseEnd = Strings(negation, "clauseEnd", file, required: false),
            SomeoneElse = Strings(negation, "someoneElse", file, required: false),
            LikenessBefore = Strings(likeness, "before", file, required: false),
            LikenessAfter = Strings(likeness, "after", file, required: false),
            LikenessAnaphoric = Strings(likeness, "anaphoric", file, required: false),
            TitlesDoneBefore = Strings(negation, "titlesBefore", file, required: false),
            AskingBefore = Strings(english, "asking", file, required: false),
            SeriesNames = [.. Strings(chinese, "series", file, required: false).Select(pair => pair.Split('=', 2) is [var zh, var en] && zh.Trim().Length > 0 && en.Trim().Length > 0
                ? (zh.Trim(), en.Trim().ToLowerInvariant())
                : throw new PeopleDataException(file, (int)chinese.Start.Line, $"'series' entries must read 中文名=english words, not '{pair}'"))],
        };
    }

    private static YamlMappingNode Child(YamlMappingNode parent, string key, string file) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode map
            ? map
            : throw new PeopleDataException(file, (int)parent.Start.Line, $"'{key}' must be a mapping");

    private static PersonEntry ReadPerson(YamlNode node, string file, Dictionary<string, (string Owner, int Line)> seen)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlMappingNode map)
        {
            throw new PeopleDataException(file, line, "each person must be a mapping like {name: ..., role: ..., aliases: [...]}");
        }

        CheckKeys(map, file, "name", "role", "aliases", "cueOnly", "credits");
        var name = Scalar(map, "name", file);
        var roleText = Scalar(map, "role", file);
        var role = roleText switch
        {
            "director" => PersonRole.Director,
            "actor" => PersonRole.Actor,
            "author" => PersonRole.Author,
            _ => throw new PeopleDataException(file, line, $"role '{roleText}' of {name} must be director, actor or author"),
        };
        var aliases = Strings(map, "aliases", file, required: false);
        var cueOnly = Strings(map, "cueOnly", file, required: false);
        var credits = Strings(map, "credits", file, required: false);
        Claim(name, name, line, file, seen);
        foreach (var alias in aliases.Concat(cueOnly))
        {
            Claim(alias, name, line, file, seen);
        }

        return new PersonEntry(name, role, aliases, cueOnly, credits, line);
    }

    private static StudioEntry ReadStudio(YamlNode node, string file, Dictionary<string, (string Owner, int Line)> seen)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlMappingNode map)
        {
            throw new PeopleDataException(file, line, "each studio must be a mapping like {name: ..., aliases: [...], tags: [...]}");
        }

        CheckKeys(map, file, "name", "aliases", "tags", "directors", "titles", "genre", "yearFrom", "except", "authors", "includes");
        var name = Scalar(map, "name", file);
        var aliases = Strings(map, "aliases", file, required: true);
        var tags = Strings(map, "tags", file, required: false);
        var directors = Strings(map, "directors", file, required: false);
        var titles = Strings(map, "titles", file, required: false);
        var authors = Strings(map, "authors", file, required: false);
        var includes = Strings(map, "includes", file, required: false);
        if (tags.Count + directors.Count + titles.Count + authors.Count + includes.Count == 0)
        {
            throw new PeopleDataException(file, line, $"studio {name} needs catalog evidence: tags, directors, titles or authors");
        }

        var genre = map.Children.ContainsKey(new YamlScalarNode("genre")) ? Scalar(map, "genre", file) : null;
        int? yearFrom = null;
        if (map.Children.ContainsKey(new YamlScalarNode("yearFrom")))
        {
            var text = Scalar(map, "yearFrom", file);
            yearFrom = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && y is > 1800 and < 2100
                ? y
                : throw new PeopleDataException(file, line, $"yearFrom '{text}' of {name} must be a year");
        }

        Claim(name, name, line, file, seen);
        foreach (var alias in aliases)
        {
            Claim(alias, name, line, file, seen);
        }

        return new StudioEntry(name, aliases, tags, directors, titles, genre, yearFrom, Strings(map, "except", file, required: false), line) { Authors = authors, Includes = includes };
    }

    // An alias names one person: the same alias for two people would make a request ambiguous, so it is an error.
    private static void Claim(string alias, string owner, int line, string file, Dictionary<string, (string Owner, int Line)> seen)
    {
        var key = PersonNames.AliasKey(alias);
        if (key.Length == 0)
        {
            throw new PeopleDataException(file, line, $"alias '{alias}' of {owner} has no letters");
        }

        if (seen.TryGetValue(key, out var previous) && previous.Owner != owner)
        {
            throw new PeopleDataException(file, line, $"alias '{alias}' of {owner} already names {previous.Owner} (line {previous.Line})");
        }

        seen[key] = (owner, line);
    }

    private static void CheckKeys(YamlMappingNode map, string file, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } k } || Array.IndexOf(allowed, k) < 0)
            {
                throw new PeopleDataException(file, (int)key.Start.Line, $"unknown key '{key}'; allowed: {string.Join(", ", allowed)}");
            }
        }
    }

    private static string Scalar(YamlMappingNode map, string key, string file)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            throw new PeopleDataException(file, (int)map.Start.Line, $"'{key}' is required");
        }

        return node is YamlScalarNode { Value: { Length: > 0 } value } && value.Trim().Length > 0
            ? value.Trim()
            : throw new PeopleDataException(file, (int)node.Start.Line, $"'{key}' must be a non-empty text");
    }

    private static IReadOnlyList<string> Strings(YamlMappingNode map, string key, string file, bool required)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return required ? throw new PeopleDataException(file, (int)map.Start.Line, $"'{key}' is required") : [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new PeopleDataException(file, (int)node.Start.Line, $"'{key}' must be a list like [a, b]");
        }

        var values = new List<string>(sequence.Children.Count);
        foreach (var child in sequence.Children)
        {
            if (child is not YamlScalarNode { Value: { } value } || value.Trim().Length == 0)
            {
                throw new PeopleDataException(file, (int)child.Start.Line, $"every entry of '{key}' must be a non-empty text");
            }

            if (!values.Contains(value.Trim(), StringComparer.Ordinal))
            {
                values.Add(value.Trim());
            }
        }

        if (required && values.Count == 0)
        {
            throw new PeopleDataException(file, (int)node.Start.Line, $"'{key}' must not be empty");
        }

        return values;
    }
}
