using AgentRec.Core.State;

namespace AgentRec.Cli.Commands;

/// <summary>Options several commands share, and the configuration they fall back to (environment variables, e.g. Catalog__MovieLensPath).</summary>
internal static class CliOptions
{
    public static Option<DirectoryInfo?> MovieLens() => new("--movielens")
    {
        Description = "MovieLens-format folder (movies.csv, ratings.csv, tags.csv, links.csv). Default: Catalog:MovieLensPath, then shared/data/ml-latest-small, then the data cache.",
    };

    public static Option<DirectoryInfo?> Goodbooks() => new("--goodbooks")
    {
        Description = "goodbooks-10k folder (books.csv, tags.csv). Default: Catalog:GoodbooksPath, then shared/data/goodbooks-10k, then the data cache.",
    };

    public static Option<bool> NoBooks() => new("--no-books") { Description = "Load movies only." };

    public static Option<FileInfo?> Database() => new("--db")
    {
        Description = "SQLite state file. Default: State:DatabasePath, then ~/.local/share/agentrec/agentrec.db.",
    };

    public static Option<DirectoryInfo?> Cache() => new("--cache")
    {
        Description = "Data cache folder. Default: Catalog:CacheDirectory, then ~/.cache/agentrec.",
    };

    public static IConfiguration Configuration() =>
        new ConfigurationBuilder().AddEnvironmentVariables("AGENTREC_").AddEnvironmentVariables().Build();

    public static CatalogOptions Catalog(ParseResult parse, Option<DirectoryInfo?>? movieLens, Option<DirectoryInfo?>? goodbooks, Option<bool>? noBooks, Option<DirectoryInfo?>? cache)
    {
        var options = new CatalogOptions();
        Configuration().GetSection(CatalogOptions.SectionName).Bind(options);
        if (movieLens is not null && parse.GetValue(movieLens) is { } ml)
        {
            options.MovieLensPath = ml.FullName;
        }

        if (goodbooks is not null && parse.GetValue(goodbooks) is { } gb)
        {
            options.GoodbooksPath = gb.FullName;
        }

        if (noBooks is not null && parse.GetValue(noBooks))
        {
            options.IncludeBooks = false;
        }

        if (cache is not null && parse.GetValue(cache) is { } c)
        {
            options.CacheDirectory = c.FullName;
        }

        return options;
    }

    /// <summary>Whether <paramref name="text"/> is an absolute http(s) address, as --url and --source take.</summary>
    public static bool TryHttpAddress(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? address) =>
        Uri.TryCreate(text, UriKind.Absolute, out address) && address.Scheme is "http" or "https";

    /// <summary>The service address --url names; null, with the error written, when it is no absolute http(s) address.</summary>
    public static Uri? ServiceUrl(string text)
    {
        if (TryHttpAddress(text, out var address))
        {
            return address;
        }

        AnsiConsole.MarkupLine("[red]error:[/] --url must be an absolute http(s) address, e.g. http://localhost:5180");
        return null;
    }

    public static StateOptions State(ParseResult parse, Option<FileInfo?> database)
    {
        var options = new StateOptions();
        Configuration().GetSection(StateOptions.SectionName).Bind(options);
        if (parse.GetValue(database) is { } db)
        {
            options.DatabasePath = db.FullName;
        }

        return options;
    }
}
