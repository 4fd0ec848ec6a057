using System.CommandLine;
using System.Text.Json;
using AgentRec.Core.Catalog;
using Spectre.Console;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec models</c>: what the model manifest names and which of those models are present.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var manifest = new Option<FileInfo?>("--manifest") { Description = "Model manifest. Default: models/models.json in the repository." };
        var list = new Command("list", "List the models of the manifest, their kind and license, and whether their files are present.") { manifest };
        list.SetAction(parse =>
        {
            var path = parse.GetValue(manifest)?.FullName
                ?? (DataPaths.FindRepositoryRoot() is { } root ? Path.Combine(root, "models", "models.json") : null);
            if (path is null || !File.Exists(path))
            {
                AnsiConsole.MarkupLine("[red]error:[/] no model manifest found; pass --manifest models/models.json.");
                return 1;
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var folder = Path.GetDirectoryName(path)!;
            var table = new Table().AddColumns("name", "kind", "license", "present", "source");
            foreach (var model in doc.RootElement.GetProperty("models").EnumerateArray())
            {
                var files = model.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToArray();
                var present = files.Length > 0 && files.All(f => File.Exists(Path.Combine(folder, f)));
                table.AddRow(
                    Markup.Escape(model.GetProperty("name").GetString()!),
                    Markup.Escape(model.GetProperty("kind").GetString()!),
                    Markup.Escape(model.GetProperty("license").GetString()!),
                    present ? "[green]yes[/]" : "[grey]no[/]",
                    Markup.Escape(model.GetProperty("source").GetString()!));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return new Command("models", "Models named by the manifest (embeddings, cross-encoder, LLM).") { list };
    }
}
