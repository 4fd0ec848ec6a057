namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec data</c>: lists, downloads and verifies the catalog data sets.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Download and verify catalog data sets (MovieLens, goodbooks).")
        {
            CreateList(),
            CreatePull(),
            CreateVerify(),
        };
        return command;
    }

    private static Command CreateList()
    {
        var cache = CliOptions.Cache();
        var command = new Command("list", "List the data sets that can be pulled, their license, and where they are found now.") { cache };
        command.SetAction(parse =>
        {
            var options = CliOptions.Catalog(parse, null, null, null, cache);
            var loader = new Microsoft.Extensions.Options.OptionsWrapper<CatalogOptions>(options);
            var resolver = new CatalogLoader(loader);
            var table = new Table().AddColumns("name", "source", "license", "found at");
            foreach (var set in DataSets.All)
            {
                var found = set == DataSets.MovieLens ? resolver.ResolveMovieLens() : resolver.ResolveGoodbooks();
                table.AddRow(
                    set.Name,
                    Markup.Escape(set.Url.ToString()),
                    Markup.Escape(set.License),
                    found is { } f ? Markup.Escape($"{f.Path} ({f.Origin})") : "[grey]not present[/]");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command CreatePull()
    {
        var name = new Argument<string>("name") { Description = "Data set to download: movielens or goodbooks." };
        name.AcceptOnlyFromAmong([.. DataSets.All.Select(d => d.Name)]);
        var cache = CliOptions.Cache();
        var source = new Option<string?>("--source") { Description = "Fetch from this address (a mirror) instead of the official one." };
        var command = new Command("pull", "Download a data set into the data cache, check every file's sha256 against the known release, and unpack it.")
        {
            name, cache, source,
        };
        command.SetAction(async (parse, ct) =>
        {
            var set = DataSets.Find(parse.GetRequiredValue(name))!;
            Uri? mirror = null;
            if (parse.GetValue(source) is { } text && !CliOptions.TryHttpAddress(text, out mirror))
            {
                return CliFailure.Usage("--source must be an absolute http(s) address.");
            }

            var options = CliOptions.Catalog(parse, null, null, null, cache);
            var cacheDir = options.ResolveCacheDirectory();
            AnsiConsole.MarkupLineInterpolated($"Downloading [bold]{set.Name}[/] ({set.License}) into {cacheDir}");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            return await CliFailure.ReportAsync(async () =>
            {
                string folder = null!;
                await PullProgressBar.ShowAsync(set.Name, async progress => folder = await new DataPuller(http).PullAsync(set, cacheDir, mirror, progress, ct));
                AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {set.Name} verified and unpacked into {folder}");
                return 0;
            }, ex => ex is DataPullException);
        });
        return command;
    }

    private static Command CreateVerify()
    {
        var name = new Argument<string>("name") { Description = "Data set to verify: movielens or goodbooks." };
        name.AcceptOnlyFromAmong([.. DataSets.All.Select(d => d.Name)]);
        var folder = new Option<DirectoryInfo?>("--folder") { Description = "Folder to check. Default: where the catalog would be loaded from." };
        var command = new Command("verify", "Check a data set folder against the known release's sha256 checksums.") { name, folder };
        command.SetAction(async (parse, ct) =>
        {
            var set = DataSets.Find(parse.GetRequiredValue(name))!;
            var resolver = new CatalogLoader(new Microsoft.Extensions.Options.OptionsWrapper<CatalogOptions>(CliOptions.Catalog(parse, null, null, null, null)));
            var path = parse.GetValue(folder)?.FullName
                ?? (set == DataSets.MovieLens ? resolver.ResolveMovieLens() : resolver.ResolveGoodbooks())?.Path;
            if (path is null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {set.Name} is not present; run `agentrec data pull {set.Name}`.");
                return 1;
            }

            return await CliFailure.ReportAsync(async () =>
            {
                await DataPuller.VerifyAsync(set, path, ct);
                AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {set.Name} at {path} matches the known release ({set.Files.Count} files).");
                return 0;
            }, ex => ex is DataPullException);
        });
        return command;
    }
}
