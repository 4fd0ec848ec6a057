using AgentRec.Core.State;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec ingest</c>: loads the catalog and imports its ratings into the state store.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var movieLens = CliOptions.MovieLens();
        var goodbooks = CliOptions.Goodbooks();
        var noBooks = CliOptions.NoBooks();
        var database = CliOptions.Database();
        var strict = new Option<bool>("--strict") { Description = "Fail on the first malformed row instead of skipping and reporting it." };
        var command = new Command("ingest", "Load the catalog (MovieLens and goodbooks) and import its ratings into the SQLite state store; safe to re-run.")
        {
            movieLens, goodbooks, noBooks, database, strict,
        };
        command.SetAction(async (parse, ct) =>
        {
            var catalogOptions = CliOptions.Catalog(parse, movieLens, goodbooks, noBooks, null);
            catalogOptions.Strict = parse.GetValue(strict);
            var stateOptions = CliOptions.State(parse, database);
            return await CliFailure.ReportAsync(() => RunAsync(catalogOptions, stateOptions, ct), ex => ex is CatalogLoadException);
        });
        return command;
    }

    private static async Task<int> RunAsync(CatalogOptions catalogOptions, StateOptions stateOptions, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var loaded = AnsiConsole.Status().Start("Loading catalog…", _ => new CatalogLoader(Options.Create(catalogOptions)).Load());
        var loadTime = watch.Elapsed;

        var table = new Table().AddColumns("source", "folder", "items", "ratings", "tags");
        foreach (var s in loaded.Sources)
        {
            table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Folder), s.Items.ToString("N0"), s.Ratings.ToString("N0"), s.Tags.ToString("N0"));
        }

        AnsiConsole.Write(table);
        foreach (var issue in loaded.Issues.Take(10))
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]skipped[/] {issue.ToString()}");
        }

        if (loaded.Issues.Count > 10)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]… and {loaded.Issues.Count - 10} more malformed row(s)[/]");
        }

        await using var store = new SqliteStateStore(Options.Create(stateOptions), TimeProvider.System);
        await store.InitializeAsync(ct);
        watch.Restart();
        ImportResult import = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Importing ratings", maxValue: Math.Max(1, loaded.Ratings.Count));
                import = await store.ImportRatingsAsync(loaded.Ratings, new Progress<int>(n => task.Value = n), ct);
                task.Value = task.MaxValue;
            });
        var importTime = watch.Elapsed;
        var counts = await store.GetCountsAsync(ct);

        AnsiConsole.MarkupLineInterpolated(
            $"Catalog: [bold]{loaded.Catalog.Count:N0}[/] items ({loaded.Catalog.CountOf(ItemDomain.Movie):N0} movies, {loaded.Catalog.CountOf(ItemDomain.Book):N0} books), [bold]{loaded.UserCount:N0}[/] users, [bold]{loaded.Ratings.Count:N0}[/] interactions, {loaded.Issues.Count} malformed row(s) skipped; loaded in {loadTime.TotalSeconds:F2} s.");
        AnsiConsole.MarkupLineInterpolated(
            $"State store {store.DatabasePath}: {import.Added:N0} added, {import.AlreadyPresent:N0} already present in {importTime.TotalSeconds:F2} s; now {counts.Users:N0} users, {counts.Interactions:N0} interactions ({counts.Feedback:N0} feedback).");
        return 0;
    }
}
