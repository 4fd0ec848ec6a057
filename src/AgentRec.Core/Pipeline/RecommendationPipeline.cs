using AgentRec.Core.Catalog;
using AgentRec.Core.Explanation;
using AgentRec.Core.Intent;
using AgentRec.Core.People;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using AgentRec.Core.State;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// Composes intent → retrieval → rerank → personalize → explain and streams the answer as events. Each stage
/// is timed as a span; a failure ends the stream with an <c>error</c> event, never an exception to the client.
/// The optional stages degrade instead of failing: a slow or failing intent parser is replaced by the rule parser,
/// reranker by the retrieval order, explainer by the fallback explainer (the template); each is logged and counted
/// (<c>agentrec.degradations</c>) so the event contract stays exactly as specified.
/// </summary>
public sealed partial class RecommendationPipeline(
    ItemCatalog catalog,
    IIntentParser parser,
    ICandidateRetriever retriever,
    IReranker reranker,
    IPersonalizer personalizer,
    IExplainer explainer,
    IStateStore store,
    TimeProvider time,
    ILogger<RecommendationPipeline> logger,
    [FromKeyedServices(StageKeys.Fallback)] IIntentParser fallbackParser,
    [FromKeyedServices(StageKeys.Fallback)] IExplainer fallbackExplainer,
    IOptions<PipelineOptions> options,
    PeopleIndex? people = null)
{
    private static readonly AsyncLocal<bool> Rehearsing = new();
    private AnswerShape? _shape;

    private AnswerShape Shape => _shape ??= new AnswerShape(catalog);

    private TopicIndex? _topics;

    private TopicIndex Topics => _topics ??= new TopicIndex(catalog);

    private SeriesRequest? _series;

    private SeriesRequest Series => _series ??= new SeriesRequest(catalog);

    /// <summary>Runs one request; the stream ends after a <c>done</c> or an <c>error</c> event.</summary>
    public IAsyncEnumerable<RecommendationEvent> RunAsync(RecommendRequest? request, CancellationToken cancellationToken) =>
        RunAsync(request, countOverride: null, cancellationToken);

    /// <summary>Runs one request with the item count fixed by the caller (agents pass it apart from the text).</summary>
    public async IAsyncEnumerable<RecommendationEvent> RunAsync(
        RecommendRequest? request, int? countOverride, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        AgentRecTelemetry.Requests.Add(1);
        using var activity = AgentRecTelemetry.ActivitySource.StartActivity("recommend");
        await using var events = RunCoreAsync(request, started, countOverride, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            RecommendationEvent current;
            RecommendationEvent? failure = null;
            // Each step of an iterator runs in its caller's context, where this request's span is not current; without
            // this, the stages after the first event would hang off the caller's span instead of this request's.
            if (activity is not null)
            {
                Activity.Current = activity;
            }

            try
            {
                if (!await events.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                current = events.Current;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogCancelled(logger);
                throw;
            }
            catch (StoreUnavailableException ex)
            {
                LogIndexUnavailable(logger, ex);
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                failure = RecommendationEvent.ForError(ErrorCodes.IndexUnavailable, "The vector index is unreachable; please try again shortly.");
                current = failure;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                failure = RecommendationEvent.ForError(ErrorCodes.Internal, "The recommendation failed on the server; please try again.");
                current = failure;
            }

            yield return current;
            if (failure is not null)
            {
                yield break;
            }
        }

        AgentRecTelemetry.RequestDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Runs a request to the end and gathers the whole answer (REST and non-streaming agents).</summary>
    public Task<(RecommendationResponse? Response, RecommendationError? Error)> CollectAsync(RecommendRequest? request, CancellationToken cancellationToken) =>
        CollectAsync(request, countOverride: null, cancellationToken);

    /// <summary>Gathers the whole answer with the item count fixed by the caller.</summary>
    public async Task<(RecommendationResponse? Response, RecommendationError? Error)> CollectAsync(
        RecommendRequest? request, int? countOverride, CancellationToken cancellationToken)
    {
        RecommendationIntent? intent = null;
        var items = new List<RecommendedItem>();
        var explanation = new System.Text.StringBuilder();
        await foreach (var e in RunAsync(request, countOverride, cancellationToken).ConfigureAwait(false))
        {
            switch (e.Type)
            {
                case RecommendationEventTypes.Intent:
                    intent = e.Intent;
                    break;
                case RecommendationEventTypes.Item:
                    items.Add(e.Item!);
                    break;
                case RecommendationEventTypes.Token:
                    explanation.Append(e.Text);
                    break;
                case RecommendationEventTypes.Error:
                    return (null, e.Error);
                case RecommendationEventTypes.Done:
                    return (new RecommendationResponse(intent, items, explanation.ToString(), e.ConversationId), null);
            }
        }

        return (null, new RecommendationError(ErrorCodes.Internal, "The answer ended early."));
    }

    /// <summary>Checks a request against the contract; the error event to send, or null when valid.</summary>
    public static RecommendationError? Validate(RecommendRequest? request)
    {
        if (request is null)
        {
            return new RecommendationError(ErrorCodes.InvalidRequest, "The request body is missing.");
        }

        if (string.IsNullOrWhiteSpace(request.Message))
        {
            return new RecommendationError(ErrorCodes.InvalidRequest, "'message' is required and must not be blank.");
        }

        if (request.Message.Length > RecommendRequest.MaxMessageLength)
        {
            return new RecommendationError(ErrorCodes.MessageTooLong,
                $"'message' has {request.Message.Length} characters; the limit is {RecommendRequest.MaxMessageLength}.");
        }

        return RequestIds.Validate(request.UserId, "userId") ?? RequestIds.Validate(request.ConversationId, "conversationId");
    }

    private async IAsyncEnumerable<RecommendationEvent> RunCoreAsync(
        RecommendRequest? request, long started, int? countOverride, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid || request is null)
        {
            invalid = Validate(request)!;
            yield return RecommendationEvent.ForError(invalid.Code, invalid.Message);
            yield break;
        }

        // Untrusted text reaches the stages only as its words: markup and instruction-like text are removed here.
        var message = MessageSanitizer.Clean(request.Message!);
        if (message.Length == 0)
        {
            yield return RecommendationEvent.ForError(ErrorCodes.InvalidRequest, "'message' holds no words once markup and instructions are removed.");
            yield break;
        }

        var conversationId = request.ConversationId ?? Guid.NewGuid().ToString("N");
        var head = request.ConversationId is null
            ? default
            : await store.GetConversationHeadAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (head.Exists && head.UserId is not null && !string.Equals(head.UserId, request.UserId, StringComparison.Ordinal))
        {
            yield return RecommendationEvent.ForError(ErrorCodes.Forbidden, "This conversation belongs to another user.");
            yield break;
        }

        var previous = head.LastTurn;
        var previousIntent = previous is null ? null : StoredIntent.Read(previous.IntentJson);

        RecommendationIntent intent;
        ParsedRequest parsed;
        IReadOnlyList<string>? explained = null;
        using (Stage("intent"))
        {
            parsed = await ParseGuardedAsync(message, previousIntent, previous?.ItemIds.Count ?? 0, cancellationToken).ConfigureAwait(false);
            intent = Normalize(countOverride is { } count ? parsed.Intent with { Count = count } : parsed.Intent);
            if (previousIntent is not null && previous is not null)
            {
                intent = FollowUps.ShiftInTime(intent, previousIntent, YearsOf(previous.ItemIds), message);
            }

            // "Older ones, like dracula / frankenstein era": the titles this message names say when.
            if (Intent.Vocabulary.CueVocabulary.Default.AsksForEra(message))
            {
                var said = intent.SimilarTo
                    .Where(t => t.ItemId is { } id && !(previousIntent?.SimilarTo.Any(p => p.ItemId == id) ?? false))
                    .Select(t => catalog.TryGet(t.ItemId!, out var item) ? item : null).OfType<CatalogItem>().ToList();
                intent = FollowUps.OfTheEra(intent, previousIntent, said, message);
            }

            intent = FollowUps.OtherForm(intent, previousIntent, message);
            if (previous is { ItemIds.Count: > 0 })
            {
                // "Studio ghibli films", then "already seen totoro and spirited away": a title named by a word of one just given is that one.
                intent = FollowUps.NamedFromAnswer(intent, [.. previous.ItemIds.Select(id => catalog.TryGet(id, out var item) ? item : null).OfType<CatalogItem>()]);
            }

            if (previous is { ItemIds.Count: > 0 } && catalog.TryGet(previous.ItemIds[0], out var given))
            {
                intent = FollowUps.ByTheAuthorOf(intent, previousIntent, previous.ItemIds, given, message);
            }

            // "Obsessed with Rocky" then "which ones come after the first one?": the first of the named title's series,
            // not the first item of the answer.
            var cues = Intent.Vocabulary.CueVocabulary.Default;
            var seriesOrdinal = intent.SimilarTo.Count > 0 && cues.AsksForNextInSeries(message);
            // "Which one next?" then "and after that?": the work after the one just given.
            var afterAnswer = parsed.ReferencedPosition is null && intent.Action != IntentActions.Explain && cues.AsksForTheOneAfterTheAnswer(message);
            if (previous is { ItemIds.Count: > 0 } && (afterAnswer ? 1 : parsed.ReferencedPosition) is { } position && (afterAnswer || !seriesOrdinal)
                && (NamedBefore(previousIntent, afterAnswer ? null : position) ?? (catalog.TryGet(previous.ItemIds[position - 1], out var listed) ? listed : null)) is { } referenced)
            {
                // "Why the first one?" asks about that item; "more like the first one" anchors on it.
                if (intent.Action == IntentActions.Explain)
                {
                    explained = [referenced.Id];
                }
                else
                {
                    intent = FollowUps.AnchorOn(intent, referenced);
                }
            }
        }

        yield return RecommendationEvent.ForIntent(intent);

        var selection = intent;
        // A feedback intent keeps the action the parser gave it, so its reading carries the signal.
        var signal = parsed.FeedbackSignal ?? InteractionKinds.Watched;
        if (intent.Action == IntentActions.Feedback)
        {
            // "I already watched Heat": store the signal on the named titles, then answer the previous request again
            // (or a plain recommendation) without them; the titles are what the user is done with, not anchors.
            await RecordFeedbackAsync(request.UserId, conversationId, intent, signal, cancellationToken).ConfigureAwait(false);
            // A first message that leaves titles out ("90s sci-fi besides The Matrix") is its own request; one that enjoyed
            // or finished them ("my niece just devoured the hunger games") asks for more like them, of their kind.
            selection = previousIntent is not null
                ? previousIntent with { Action = IntentActions.Refine }
                : signal switch
                {
                    InteractionKinds.Skip => intent with { Action = IntentActions.Refine, SimilarTo = [] },
                    InteractionKinds.Dislike => new RecommendationIntent { Count = intent.Count, Domain = intent.Domain },
                    _ => intent with { Action = IntentActions.Similar },
                };
        }

        var user = await LoadUserAsync(request.UserId, cancellationToken).ConfigureAwait(false);
        if (request.UserId is null && intent.Action == IntentActions.Feedback)
        {
            // Without a user the signal cannot be stored, but this answer still leaves the named titles out.
            user = user with { History = [.. intent.SimilarTo.Where(t => t.ItemId is not null).Select(t => new Interaction("anonymous", t.ItemId!, signal == InteractionKinds.Skip ? signal : InteractionKinds.Watched, 0, 0))] };
        }

        IReadOnlyList<ScoredCandidate> chosen;
        PeopleConstraint? namedPeople;
        IReadOnlyList<string> notFound = [];
        var named = AnchorItems(intent).ConvertAll(i => i.Id);
        if (intent.Action == IntentActions.Explain && (previous is { ItemIds.Count: > 0 } || named.Count > 0))
        {
            // "Why these?": the answer asked about is the previous one (or the item pointed at, or the title named:
            // "why did you recommend The Night Circus?"), explained against the request that produced it, not a new search.
            // A title explained is not its own anchor ("shares Erin Morgenstern with The Night Circus").
            selection = (previousIntent ?? intent with { SimilarTo = [] }) with { Action = IntentActions.Explain };
            var asked = explained ?? (named.Count > 0 ? named : previous!.ItemIds);
            chosen = await PreviousAnswerAsync(selection, previous?.Message ?? message, asked, cancellationToken).ConfigureAwait(false);
            namedPeople = PeopleIn(selection, message, previous);
            // A name the catalog holds nothing of was no topic of the answer given for the rest of the request.
            if (NotInCatalog(namedPeople) is { Count: > 0 } unknown)
            {
                selection = WithoutKeywords(selection, unknown);
                namedPeople = PeopleIn(selection, message, previous);
            }
        }
        else
        {
            // A feedback message's words judge the titles it names ("the hangover was not funny at all"); the answer
            // that follows is the previous request again, so it searches with that request's words, not these.
            // A first message leaving titles out ("小众科幻片，别推星战") is its own request, words and all.
            var searchMessage = intent.Action == IntentActions.Feedback ? previous?.Message ?? (signal == InteractionKinds.Skip ? message : string.Empty) : message;
            // The people the request names are read once, for its retrieval and its explanation alike.
            var searchPeople = PeopleIn(selection, searchMessage, previous);
            // "Anything by Radomir Kestelvane? or stuff like his, slow moody arthouse dramas": a name the catalog holds
            // nothing of, where the request offers another answer, leaves the rest of the request to answer.
            // A refinement of such a request keeps answering the rest ("only the older ones please").
            if (searchPeople is { Unanswerable: true }
                && (Intent.Vocabulary.CueVocabulary.Default.OffersFallback(message)
                    || (intent.Action == IntentActions.Refine && previous?.Message is { } asked && Intent.Vocabulary.CueVocabulary.Default.OffersFallback(asked)))
                && NotInCatalog(searchPeople) is { Count: > 0 } unknownNames)
            {
                notFound = unknownNames;
                selection = WithoutKeywords(selection, unknownNames);
                searchMessage = unknownNames.Aggregate(searchMessage, (m, n) => m.Replace(n, " ", StringComparison.OrdinalIgnoreCase));
                searchPeople = PeopleIn(selection, searchMessage, previous);
            }

            if (searchPeople is { Described.Count: > 0 })
            {
                selection = WithoutKeywords(selection, searchPeople.Described);
            }

            // After "I've seen X and Y" the same request answers again without those titles (they are in the user's history),
            // so the rest of the previous answer stays; a refinement asks for titles not shown yet.
            chosen = await SelectAsync(selection, searchMessage, user, previous, searchPeople, newTitlesOnly: intent.Action == IntentActions.Refine && AsksForOthers(message), cancellationToken).ConfigureAwait(false);
            namedPeople = intent.Action == IntentActions.Feedback ? PeopleIn(selection, message, previous) : searchPeople;
        }

        foreach (var c in chosen)
        {
            yield return ItemEvent(c);
        }

        using (Stage("explain"))
        {
            await foreach (var fragment in ExplainGuardedAsync(new ExplanationContext(message, StandaloneRequest.WithoutItsWords(selection), chosen, user, parsed.Language)
                           {
                               Acknowledged = intent.Action == IntentActions.Feedback ? Acknowledgement(intent, signal) : null,
                               Anchors = [.. AnchorItems(selection), .. namedPeople?.Anchors ?? []],
                               People = namedPeople?.Named ?? [],
                               OtherForm = IsOtherForm(message, AnchorItems(selection), chosen),
                               NotFound = notFound,
                               CatalogEndsIn = chosen.Count == 0 ? EndsBefore(selection) : null,
                           }, cancellationToken)
                               .ConfigureAwait(false))
            {
                yield return RecommendationEvent.ForToken(fragment);
            }
        }

        await store.SaveTurnAsync(
            new ConversationTurn(conversationId, request.UserId, message,
                // After titles left out ("besides The Matrix") the request answered is what the next turn refines; after
                // titles judged or seen ("just devoured The Hunger Games") those titles are what "what next?" goes on from.
                // In a conversation the request answered again is what the next turn refines, less the titles judged or seen
                // ("heist movies?", "seen ocean's eleven", "top 3 then").
                // A question about the answer ("what's the first one about?") leaves the request it asked about as the one
                // the next turn refines ("more like that one but newer").
                StoredIntent.Write(intent.Action == IntentActions.Feedback && (signal == InteractionKinds.Skip || previousIntent is not null)
                    ? selection with { LeaveOut = [.. selection.LeaveOut.Union(intent.SimilarTo.Select(t => t.ItemId).OfType<string>(), StringComparer.Ordinal)] }
                    : intent.Action == IntentActions.Explain && previousIntent is not null ? selection : intent),
                chosen.Select(c => c.Item.Id).ToArray(), time.GetUtcNow().ToUnixTimeSeconds()),
            cancellationToken).ConfigureAwait(false);

        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        LogAnswered(logger, intent.Action, chosen.Count, elapsed);
        yield return RecommendationEvent.ForDone(conversationId, elapsed);
    }

    // The names a request gives that the catalog holds nothing of ("anything by Marisol Quennell?").
    private static List<string> NotInCatalog(PeopleConstraint? people) =>
        people is null ? [] : [.. people.Named.Where(p => p.ItemCount == 0).Select(p => p.Name)];

    private static RecommendationIntent WithoutKeywords(RecommendationIntent intent, IEnumerable<string> words) =>
        intent with { Keywords = [.. intent.Keywords.Except(words, StringComparer.OrdinalIgnoreCase)] };

    // True when the answer is the named work in the other form the message asks for ("the book it's based on").
    // The newest year the catalog holds of the kind asked for, when the years asked begin after it.
    private int? EndsBefore(RecommendationIntent intent)
    {
        if (intent.YearFrom is not { } from)
        {
            return null;
        }

        var kind = IntentDomains.ItemKind(intent.Domain);
        var newest = catalog.Items.Where(i => kind is null || i.Domain == kind).Select(i => i.Year ?? 0).DefaultIfEmpty(0).Max();
        return newest > 0 && newest < from ? newest : null;
    }

    private static bool IsOtherForm(string message, IReadOnlyList<CatalogItem> anchors, IReadOnlyList<ScoredCandidate> chosen) =>
        chosen.Count > 0 && Intent.Vocabulary.CueVocabulary.Default.AdaptationAsked(message) is { } form && IntentDomains.ItemKind(form) is { } kind
        && Adaptation.Of(chosen.Select(c => c.Item), anchors, kind).Count == chosen.Count;

    private static RecommendationEvent ItemEvent(ScoredCandidate c) => RecommendationEvent.ForItem(new RecommendedItem(
        c.Item.Id, c.Item.DisplayTitle, c.Item.Year, c.Item.Genres, Math.Round(c.FinalScore, 4), c.Reasons.Distinct().ToArray()));

    // "Anything else?", "换一批" want titles not shown yet; "only the funny ones" narrows the request, and the previous
    // answer's titles that fit it still answer it.
    // "后面还有几部？按顺序说说" asks which works make up the series, not for titles not shown yet.
    private static bool AsksForOthers(string message) =>
        Intent.Vocabulary.CueVocabulary.Default.AsksForOthers(message) && !Intent.Vocabulary.CueVocabulary.Default.AsksForSeriesMembers(message);

    // "I liked Gone Girl and Pride and Prejudice" then "more like the second one": where the previous request named two
    // titles or more, a position points at those it named rather than at the answer's list.
    private CatalogItem? NamedBefore(RecommendationIntent? previousIntent, int? position)
    {
        if (position is not { } p || previousIntent is null)
        {
            return null;
        }

        var named = previousIntent.SimilarTo.Where(t => t.ItemId is not null).ToList();
        return named.Count >= 2 && p <= named.Count && catalog.TryGet(named[p - 1].ItemId!, out var item) ? item : null;
    }

    private List<int> YearsOf(IReadOnlyList<string> itemIds)
    {
        var years = new List<int>(itemIds.Count);
        foreach (var id in itemIds)
        {
            if (catalog.TryGet(id, out var item) && item.Year is { } year)
            {
                years.Add(year);
            }
        }

        return years;
    }

    private List<CatalogItem> AnchorItems(RecommendationIntent intent)
    {
        var anchors = new List<CatalogItem>(intent.SimilarTo.Count);
        foreach (var reference in intent.SimilarTo)
        {
            if (reference.ItemId is { } id && catalog.TryGet(id, out var item))
            {
                anchors.Add(item);
            }
        }

        return anchors;
    }

    private FeedbackAcknowledgement Acknowledgement(RecommendationIntent intent, string signal) =>
        new(signal, intent.SimilarTo
            .Select(t => t.ItemId is { } id && catalog.TryGet(id, out var item) ? item.DisplayTitle : null)
            .OfType<string>().ToArray());

    private async Task RecordFeedbackAsync(string? userId, string? conversationId, RecommendationIntent intent, string signal, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return;
        }

        var value = signal == InteractionKinds.Like ? 1.0 : signal == InteractionKinds.Dislike ? -1.0 : 0.0;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var title in intent.SimilarTo)
        {
            if (title.ItemId is { } itemId && catalog.TryGet(itemId, out _))
            {
                await store.AddFeedbackAsync(new Interaction(userId, itemId, signal, value, now, conversationId), cancellationToken).ConfigureAwait(false);
                LogFeedbackFromMessage(logger, signal, itemId);
            }
        }
    }

    /// <summary>
    /// Retrieval, reranking and personalization for an intent that is already known (agents and plugins call this
    /// directly): the items in final order, at most <see cref="RecommendationIntent.Count"/>, each meeting every hard constraint.
    /// </summary>
    /// <summary>
    /// Runs <paramref name="message"/> through the stages as the first turn of an anonymous conversation would (intent,
    /// retrieval, rerank, personalisation, the item events and the explanation) without reading or writing
    /// conversation state and without stage telemetry: the start-up warm-up's unit of work. Returns the events an
    /// answer would have streamed before <c>done</c>.
    /// </summary>
    public async Task<int> RehearseAsync(string message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Rehearsing.Value = true;
        try
        {
            message = message.Trim();
            var parsed = await ParseGuardedAsync(message, null, 0, cancellationToken).ConfigureAwait(false);
            var intent = Normalize(parsed.Intent);
            var events = 1;
            var user = UserContext.Anonymous;
            var people = PeopleIn(intent, message, null);
            var chosen = intent.Action == IntentActions.Feedback ? [] : await SelectAsync(intent, message, user, null, people, newTitlesOnly: false, cancellationToken).ConfigureAwait(false);
            foreach (var c in chosen)
            {
                _ = ItemEvent(c);
                events++;
            }

            var context = new ExplanationContext(message, intent, chosen, user, parsed.Language)
            {
                Anchors = AnchorItems(intent),
                People = people?.Named ?? [],
            };
            await foreach (var _ in ExplainGuardedAsync(context, cancellationToken).ConfigureAwait(false))
            {
                events++;
            }

            _ = JsonSerializer.Serialize(intent, PipelineJsonContext.Default.RecommendationIntent);
            return events;
        }
        finally
        {
            Rehearsing.Value = false;
        }
    }

    /// <summary>The user's context: their stored interactions, oldest first; anonymous when <paramref name="userId"/> is null.</summary>
    public async Task<UserContext> LoadUserAsync(string? userId, CancellationToken cancellationToken) =>
        userId is null
            ? UserContext.Anonymous
            : new UserContext(userId, await store.GetInteractionsAsync(userId, cancellationToken).ConfigureAwait(false));

    /// <summary>Clamps what a parser returned into the contract's ranges.</summary>
    public static RecommendationIntent Normalize(RecommendationIntent intent)
    {
        var count = Math.Clamp(intent.Count, 1, RecommendationIntent.MaxCount);
        var action = IntentActions.All.Contains(intent.Action) ? intent.Action : IntentActions.Recommend;
        var domain = IntentDomains.All.Contains(intent.Domain) ? intent.Domain : IntentDomains.Movie;
        var sort = IntentSorts.All.Contains(intent.Sort) ? intent.Sort : IntentSorts.Relevance;
        return count == intent.Count && action == intent.Action && domain == intent.Domain && sort == intent.Sort
            ? intent
            : intent with { Count = count, Action = action, Domain = domain, Sort = sort };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered a {Action} request with {Count} items in {ElapsedMs} ms")]
    private static partial void LogAnswered(ILogger logger, string action, int count, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Signal} on item {ItemId} from the user's message")]
    private static partial void LogFeedbackFromMessage(ILogger logger, string signal, string itemId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recommendation cancelled by the caller")]
    private static partial void LogCancelled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The vector index is unavailable")]
    private static partial void LogIndexUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recommendation failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
