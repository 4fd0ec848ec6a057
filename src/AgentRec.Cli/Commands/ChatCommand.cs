using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec chat</c>: a terminal chat over the service's SignalR hub, for people who live in a shell.</summary>
internal static class ChatCommand
{
    private const string RecommendHubPath = "/hubs/recommend";
    private const string Help = "Type a request and press Enter. /like N, /dislike N, /seen N, /skip N rate item N of the last answer; /new starts a new conversation; /quit leaves.";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The AgentRec service.", DefaultValueFactory = _ => "http://localhost:5180" };
        var user = new Option<string?>("--user") { Description = "Your user id (personalizes answers and keeps your feedback). Default: anonymous." };
        var command = new Command("chat", "Chat with a running AgentRec service in the terminal; answers stream in as they are produced.") { url, user };
        command.SetAction(async (parse, ct) =>
        {
            if (CliOptions.ServiceUrl(parse.GetRequiredValue(url)) is not { } baseUrl)
            {
                return 2;
            }

            var hubUrl = new Uri(baseUrl, RecommendHubPath);
            var userId = parse.GetValue(user);
            await using var connection = new HubConnectionBuilder().WithUrl(hubUrl).WithAutomaticReconnect().Build();
            connection.Reconnecting += _ =>
            {
                AnsiConsole.MarkupLine("[yellow]connection lost, reconnecting…[/]");
                return Task.CompletedTask;
            };
            connection.Reconnected += _ =>
            {
                AnsiConsole.MarkupLine("[green]reconnected[/]");
                return Task.CompletedTask;
            };
            try
            {
                await connection.StartAsync(ct);
            }
            catch (HttpRequestException ex)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] cannot reach {hubUrl}: {ex.Message}. Is the service running (dotnet run --project src/AgentRec.Api -c Release)?");
                return 1;
            }

            AnsiConsole.MarkupLineInterpolated($"Connected to {hubUrl}. {Help}");
            string? conversationId = null;
            var lastItems = new List<RecommendedItem>();
            while (!ct.IsCancellationRequested)
            {
                Console.Write("> ");
                var line = Console.ReadLine();
                if (line is null || line.Trim() is "/quit" or "/exit")
                {
                    break;
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line == "/new")
                {
                    conversationId = null;
                    lastItems.Clear();
                    AnsiConsole.MarkupLine("[grey]new conversation[/]");
                    continue;
                }

                if (line.StartsWith('/'))
                {
                    await FeedbackAsync(connection, line, userId, conversationId, lastItems, ct);
                    continue;
                }

                var (id, items) = await AskAsync(connection, new RecommendRequest { Message = line, UserId = userId, ConversationId = conversationId }, ct);
                conversationId = id ?? conversationId;
                if (items.Count > 0)
                {
                    lastItems = items;
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task<(string? ConversationId, List<RecommendedItem> Items)> AskAsync(HubConnection connection, RecommendRequest request, CancellationToken ct)
    {
        var items = new List<RecommendedItem>();
        string? conversationId = null;
        try
        {
            // One token per question, disposed after it: the hub client registers on it, and a session-long token
            // would keep one registration per question for the whole chat.
            using var question = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", request, question.Token))
            {
                switch (e.Type)
                {
                    case RecommendationEventTypes.Intent:
                        AnsiConsole.MarkupLineInterpolated($"[grey]{Describe(e.Intent!)}[/]");
                        break;
                    case RecommendationEventTypes.Item:
                        items.Add(e.Item!);
                        var year = e.Item!.Year is { } y ? $" ({y})" : string.Empty;
                        AnsiConsole.MarkupLineInterpolated($"[bold]{items.Count}. {e.Item.Title}{year}[/] [grey]{string.Join(", ", e.Item.Genres)}[/]");
                        break;
                    case RecommendationEventTypes.Token:
                        Console.Write(e.Text);
                        break;
                    case RecommendationEventTypes.Done:
                        Console.WriteLine();
                        conversationId = e.ConversationId;
                        break;
                    case RecommendationEventTypes.Error:
                        AnsiConsole.MarkupLineInterpolated($"[red]{e.Error!.Code}:[/] {e.Error.Message}");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]the answer was cut off:[/] {ex.Message}");
        }

        return (conversationId, items);
    }

    private static async Task FeedbackAsync(
        HubConnection connection, string line, string? userId, string? conversationId, List<RecommendedItem> lastItems, CancellationToken ct)
    {
        var parts = line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var signal = parts.Length > 0 ? parts[0] switch { "seen" => "watched", var s => s } : string.Empty;
        if (parts.Length != 2 || signal is not ("like" or "dislike" or "watched" or "skip")
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > lastItems.Count)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{Help}[/]");
            return;
        }

        if (userId is null)
        {
            AnsiConsole.MarkupLine("[yellow]feedback needs a user id: start with --user YOUR_ID[/]");
            return;
        }

        try
        {
            await connection.InvokeAsync<FeedbackAck>("Feedback",
                new FeedbackRequest { UserId = userId, ItemId = lastItems[n - 1].ItemId, ConversationId = conversationId, Signal = signal }, ct);
            AnsiConsole.MarkupLineInterpolated($"[green]saved:[/] {signal} {lastItems[n - 1].Title}");
        }
        catch (HubException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]not saved:[/] {ex.Message}");
        }
    }

    private static string Describe(Core.Contracts.RecommendationIntent intent)
    {
        var parts = new List<string> { intent.Action };
        parts.AddRange(intent.Genres);
        parts.AddRange(intent.ExcludeGenres.Select(g => "no " + g));
        if (intent.YearFrom is not null || intent.YearTo is not null)
        {
            parts.Add($"{intent.YearFrom?.ToString(CultureInfo.InvariantCulture) ?? "…"}–{intent.YearTo?.ToString(CultureInfo.InvariantCulture) ?? "…"}");
        }

        parts.AddRange(intent.SimilarTo.Select(s => "like " + s.Title));
        parts.AddRange(intent.Keywords);
        if (intent.Sort != "relevance")
        {
            parts.Add("by " + intent.Sort);
        }

        parts.Add(intent.Count.ToString(CultureInfo.InvariantCulture) + " items");
        return "[" + string.Join(" · ", parts) + "]";
    }
}
