using AgentRec.Cli.Commands.Bench;
using AgentRec.Core.Evaluation.Answers;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec eval answers</c>: judges the service's answers to realistic requests against the catalog files.</summary>
internal static class EvalAnswersCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input")
        {
            Description = "JSONL file of cases in the format of shared/eval/README.md (turns, relevant, floor, cap, minItems, count, domain).",
            Required = true,
        };
        var url = new Option<string?>("--url")
        {
            Description = "A running AgentRec service to ask over REST (e.g. http://localhost:5180). Default: the service hosted in this process with its default configuration.",
        };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "Folder holding ml-latest-small/ and goodbooks-10k/, the catalog files answers are judged against (and, in process, the catalog the service loads). Default: where the service finds its catalog.",
        };
        var report = new Option<FileInfo?>("--report")
        {
            Description = "Also write every case's answer and verdicts to this JSONL file.",
        };
        var command = new Command("answers",
            "Send each case's turns to the service in one conversation and judge the last answer against the catalog files: precision per case, per language, zero cases, junk rate, short answers.")
        {
            input, url, data, report,
        };
        command.SetAction(async (parse, ct) =>
        {
            return await CliFailure.ReportAsync(async () =>
            {
                var cases = await AnswerCaseReader.ReadAsync(parse.GetRequiredValue(input).FullName, ct);
                var (movieLens, goodbooks) = CatalogFolders(parse.GetValue(data));
                var facts = AnswerFacts.Load(movieLens, goodbooks);
                if (goodbooks is not null && !facts.HasBookTags)
                {
                    AnsiConsole.MarkupLine("[yellow]warning:[/] no book_tags.csv: booktag predicates match nothing.");
                }

                var result = parse.GetValue(url) is { } address
                    ? await RunRemoteAsync(address, cases, facts, ct)
                    : await RunInProcessAsync(movieLens, goodbooks, cases, facts, ct);
                if (result is null)
                {
                    return 2;
                }

                Print(result);
                if (parse.GetValue(report) is { } reportFile)
                {
                    await WriteReportAsync(result, reportFile.FullName, ct);
                    AnsiConsole.MarkupLineInterpolated($"report written to {reportFile.FullName}");
                }

                Console.Out.WriteLine(result.ToSummaryJson());
                return 0;
            }, ex => ex is AnswerEvaluationInputException or CatalogLoadException);
        });
        return command;
    }

    private static (string MovieLens, string? Goodbooks) CatalogFolders(DirectoryInfo? data)
    {
        if (data is not null)
        {
            var movies = Path.Combine(data.FullName, CatalogLoader.MovieLensFolderName);
            var books = Path.Combine(data.FullName, CatalogLoader.GoodbooksFolderName);
            return Directory.Exists(movies)
                ? (movies, Directory.Exists(books) ? books : null)
                : throw new CatalogLoadException($"--data '{data.FullName}' has no {CatalogLoader.MovieLensFolderName} folder.");
        }

        var options = new CatalogOptions();
        CliOptions.Configuration().GetSection(CatalogOptions.SectionName).Bind(options);
        var loader = new CatalogLoader(Microsoft.Extensions.Options.Options.Create(options));
        var movieLens = loader.ResolveMovieLens() ?? throw new CatalogLoadException(
            "no MovieLens folder to judge against: pass --data, or run `agentrec data pull movielens`.");
        return (movieLens.Path, loader.ResolveGoodbooks()?.Path);
    }

    private static async Task<AnswerEvaluationResult?> RunRemoteAsync(string address, IReadOnlyList<AnswerCase> cases, AnswerFacts facts, CancellationToken ct)
    {
        if (CliOptions.ServiceUrl(address) is not { } baseUrl)
        {
            return null;
        }

        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var apiKey = Environment.GetEnvironmentVariable("AGENTREC_API_KEY");
        if (apiKey is { Length: > 0 })
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return await RunAsync(new RestAnswerSource(http), cases, facts, ct);
    }

    private static async Task<AnswerEvaluationResult> RunInProcessAsync(
        string movieLens, string? goodbooks, IReadOnlyList<AnswerCase> cases, AnswerFacts facts, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?> { ["Catalog:MovieLensPath"] = movieLens };
        if (goodbooks is not null)
        {
            settings["Catalog:GoodbooksPath"] = goodbooks;
        }

        await using var service = await AnsiConsole.Status().StartAsync("Starting the service in process…",
            _ => InProcessService.StartAsync(settings, ct));
        using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(60) };
        return await RunAsync(new RestAnswerSource(http), cases, facts, ct);
    }

    private static Task<AnswerEvaluationResult> RunAsync(IAnswerSource source, IReadOnlyList<AnswerCase> cases, AnswerFacts facts, CancellationToken ct) =>
        AnsiConsole.Status().StartAsync("Judging answers…", ctx =>
            AnswerEvaluation.RunAsync(cases, source, facts, new Progress<string>(s => ctx.Status(Markup.Escape(s))), ct));

    private static void Print(AnswerEvaluationResult result)
    {
        var lost = new Table().AddColumns("line", "case", "score", "returned / due", "what lost points");
        foreach (var o in result.Outcomes.Where(o => o.Score < 1))
        {
            var why = new List<string>();
            if (o.Error is { } error)
            {
                why.Add("error: " + error);
            }

            why.AddRange(o.Verdict.Items.Where(i => i.Verdict != ItemVerdict.Good).Select(i => $"{i.Title} [{i.Reason}]"));
            if (o.Error is null && o.Verdict.IsShort)
            {
                why.Add(o.Verdict.Items.Count < o.Case.MinItems
                    ? $"short: {o.Verdict.Items.Count} item(s), at least {o.Case.MinItems} needed"
                    : $"short: {o.Verdict.Items.Count} of {o.Verdict.Due} due");
            }

            lost.AddRow(o.Case.Line.ToString(CultureInfo.InvariantCulture), Markup.Escape(o.Case.Id), F(o.Score),
                $"{o.Verdict.Items.Count} / {o.Verdict.Due}", Markup.Escape(string.Join("; ", why)));
        }

        if (lost.Rows.Count > 0)
        {
            AnsiConsole.Write(lost);
        }

        if (result.Outcomes.Any(o => o.Case.Kind is not null))
        {
            var kinds = new Table().AddColumns("kind", "cases", "precision", "zero");
            foreach (var group in result.ByKind)
            {
                kinds.AddRow(Markup.Escape(group.Name), group.Cases.ToString(CultureInfo.InvariantCulture), F(group.Precision),
                    group.Zero.ToString(CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(kinds);
        }

        AnsiConsole.MarkupLineInterpolated(
            $"{result.Outcomes.Count} cases: precision {F(result.Precision)} (en {F(result.PrecisionEn)}, zh {F(result.PrecisionZh)}), {result.Perfect} perfect, {result.Zero} zero, junk rate {F(result.JunkRate)}, {result.ShortAnswers} short, {result.Errors} error(s)");
    }

    private static async Task WriteReportAsync(AnswerEvaluationResult result, string path, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path);
        foreach (var o in result.Outcomes)
        {
            var line = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = o.Case.Id,
                ["kind"] = o.Case.Kind,
                ["turns"] = o.Case.Turns,
                ["score"] = Math.Round(o.Score, 4),
                ["held"] = o.Verdict.Held,
                ["due"] = o.Verdict.Due,
                ["error"] = o.Error,
                ["intent"] = o.Reply is { } r ? JsonDocument.Parse(r.IntentJson).RootElement : null,
                ["items"] = o.Verdict.Items.Select(i => new Dictionary<string, string> { ["id"] = i.Id, ["title"] = i.Title, ["verdict"] = i.Reason }).ToList(),
                ["explanation"] = o.Reply?.Explanation,
            }, ReportJson);
            await writer.WriteLineAsync(line.AsMemory(), ct);
        }
    }

    private static readonly JsonSerializerOptions ReportJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string F(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";
}
