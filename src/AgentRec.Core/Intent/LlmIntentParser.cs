using AgentRec.Core.Catalog;
using AgentRec.Core.Llm;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Intent;

/// <summary>
/// Parses requests with a chat model: the prompt from prompts/intent.yaml, decoding constrained to the intent JSON,
/// then validation against the contract (closed enums, the catalog's genre names, count 1–50, ordered years) and
/// resolution of every named title to a catalog item. On any failure or timeout the rule parser answers, and the
/// reason is logged. A caller's cancellation is not a failure: it propagates.
/// </summary>
public sealed partial class LlmIntentParser : IIntentParser
{
    /// <summary>Longer requests are cut to this many characters before prompting.</summary>
    public const int MaxMessageLength = 1000;

    private const int MinYear = 1800;
    private const int MaxYear = 2100;
    private const int MaxKeywords = 10;

    // What answers when the LLM's intent is not used, as the fall-back event names it.
    private const string RuleParser = "the rule parser";

    private readonly IChatClient _chat;
    private readonly LlmIntentPrompt _prompt;
    private readonly IIntentParser _fallback;
    private readonly TitleResolver? _titles;
    private readonly HashSet<string> _genres;
    private readonly LlmOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>A parser asking <paramref name="chat"/>, falling back to <paramref name="fallback"/>; genres must be among <paramref name="genreNames"/>.</summary>
    public LlmIntentParser(IChatClient chat, LlmIntentPrompt prompt, IIntentParser fallback, TitleResolver? titles,
        IEnumerable<string> genreNames, LlmOptions options, TimeProvider timeProvider, ILogger<LlmIntentParser> logger)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentNullException.ThrowIfNull(genreNames);
        _chat = chat;
        _prompt = prompt;
        _fallback = fallback;
        _titles = titles;
        _genres = new HashSet<string>(genreNames, StringComparer.Ordinal);
        _options = options ?? new LlmOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger;
    }

    /// <summary>The genre names of <paramref name="catalog"/> (the MovieLens names when it has none).</summary>
    public static IReadOnlyCollection<string> CatalogGenres(ItemCatalog? catalog)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in catalog?.Items ?? [])
        {
            foreach (var genre in item.Genres)
            {
                if (!genre.StartsWith('('))
                {
                    names.Add(genre);
                }
            }
        }

        return names.Count > 0 ? names : [.. IntentLexicon.Genres];
    }

    /// <inheritdoc />
    public async ValueTask<RecommendationIntent> ParseAsync(string message, RecommendationIntent? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var request = message;
        if (request.Length > MaxMessageLength)
        {
            var length = request.Length;
            LogTruncated(_logger, length, MaxMessageLength);
            request = request[..MaxMessageLength];
        }

        var previousJson = previous is null ? "" : JsonSerializer.Serialize(previous, PipelineJsonContext.Default.RecommendationIntent);
        var messages = _prompt.Render(request, previousJson).Select(m => new ChatMessage(new ChatRole(m.Role), m.Content)).ToList();
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.Json,
            MaxOutputTokens = Math.Min(_options.MaxNewTokens, _prompt.MaxTokens),
            Temperature = _prompt.Temperature,
            TopP = _prompt.TopP,
            Seed = _options.Seed,
        };

        string text;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.TimeoutMs), _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                var response = await _chat.GetResponseAsync(messages, options, linked.Token).ConfigureAwait(false);
                text = response.Text;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.FellBack("intent", RuleParser, $"the LLM took longer than {_options.TimeoutMs} ms");
                return await _fallback.ParseAsync(message, previous, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.FellBack("intent", RuleParser, "the LLM failed", ex);
                return await _fallback.ParseAsync(message, previous, cancellationToken).ConfigureAwait(false);
            }
        }

        if (TryConvert(text, out var intent, out var reason))
        {
            return intent;
        }

        _logger.FellBack("intent", RuleParser, $"the LLM output was unusable ({reason})");
        return await _fallback.ParseAsync(message, previous, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and validates the model's JSON; false with a reason when it breaks the contract.</summary>
    internal bool TryConvert(string json, out RecommendationIntent intent, out string reason)
    {
        intent = new RecommendationIntent();
        RecommendationIntent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(json.Trim(), PipelineJsonContext.Default.RecommendationIntent);
        }
        catch (JsonException ex)
        {
            reason = "not intent JSON: " + ex.Message;
            return false;
        }

        if (parsed is null)
        {
            reason = "null";
            return false;
        }

        reason = Validate(parsed) ?? "";
        if (reason.Length > 0)
        {
            return false;
        }

        intent = parsed with
        {
            Genres = [.. parsed.Genres.Distinct(StringComparer.Ordinal)],
            ExcludeGenres = [.. parsed.ExcludeGenres.Distinct(StringComparer.Ordinal).Where(g => !parsed.Genres.Contains(g))],
            Keywords = [.. parsed.Keywords.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxKeywords)],
            SimilarTo = Resolve(parsed),
        };
        return true;
    }

    private string? Validate(RecommendationIntent i)
    {
        if (!IntentActions.All.Contains(i.Action))
        {
            return $"action '{i.Action}'";
        }

        if (!IntentDomains.All.Contains(i.Domain))
        {
            return $"domain '{i.Domain}'";
        }

        if (!IntentSorts.All.Contains(i.Sort))
        {
            return $"sort '{i.Sort}'";
        }

        if (i.Count is < 1 or > RecommendationIntent.MaxCount)
        {
            return $"count {i.Count}";
        }

        if (i.Genres.Concat(i.ExcludeGenres).FirstOrDefault(g => !_genres.Contains(g)) is { } unknown)
        {
            return $"genre '{unknown}' is not a catalog genre";
        }

        if (i.YearFrom is < MinYear or > MaxYear || i.YearTo is < MinYear or > MaxYear)
        {
            return "year out of range";
        }

        if (i.YearFrom > i.YearTo)
        {
            return "yearFrom after yearTo";
        }

        if (i.Genres is null || i.ExcludeGenres is null || i.Keywords is null || i.SimilarTo is null || i.SimilarTo.Any(t => t?.Title is null))
        {
            return "null list";
        }

        return null;
    }

    private List<TitleReference> Resolve(RecommendationIntent intent)
    {
        var domain = IntentDomains.ItemKind(intent.Domain);
        var result = new List<TitleReference>();
        foreach (var reference in intent.SimilarTo)
        {
            var title = reference.Title.Trim();
            if (title.Length == 0)
            {
                continue;
            }

            var match = _titles?.Resolve(title, domain: domain);
            var resolved = match is null ? new TitleReference(title, null) : new TitleReference(match.Item.Title, match.Item.Id);
            if (!result.Any(r => r.ItemId is not null && r.ItemId == resolved.ItemId))
            {
                result.Add(resolved);
            }
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent request of {Length} characters cut to {Max} before prompting the LLM")]
    private static partial void LogTruncated(ILogger logger, int length, int max);
}
