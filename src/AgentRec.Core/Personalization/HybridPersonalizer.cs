using AgentRec.Core.Fusion;
using AgentRec.Core.State;

namespace AgentRec.Core.Personalization;

/// <summary>
/// Fuses the content side (reranked relevance and the user's decayed genre/tag profile) with collaborative
/// filtering (sequential EASE over the interaction log) by <see cref="ContentCollaborativeBlend"/>:
/// y = α·f_content + (1−α)·f_CF. Feedback from the session is replayed into the CF history on every call, so a like
/// or dislike changes the next answer at once.
/// α for open requests (plain relevance, nothing asked for but "something good") comes from <paramref name="fusion"/>
/// when given: it is picked on validation by next-item prediction, which is exactly such a request. A request that
/// names genres, topics or titles keeps <see cref="RelevanceAlpha"/>, so what was asked for still leads.
/// </summary>
public sealed class HybridPersonalizer(
    ProfilePersonalizer content, CollaborativeModel model, FusionSettings? fusion = null, Catalog.ItemCatalog? catalog = null) : IPersonalizer
{
    /// <summary>Content weight when the user asked for plain relevance.</summary>
    public const double RelevanceAlpha = 0.55;

    /// <summary>Content weight under an explicit sort (rating, popularity, newest): the sort the user asked for stays visible.</summary>
    public const double SortedAlpha = 0.85;

    /// <summary>The content weight used for open plain-relevance requests.</summary>
    public double Alpha { get; } = fusion?.Alpha ?? RelevanceAlpha;

    /// <summary>The content weight for <paramref name="intent"/>: the sort's, the request's, or the validated open-request weight.</summary>
    public double AlphaFor(RecommendationIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (intent.Sort != IntentSorts.Relevance)
        {
            return SortedAlpha;
        }

        var open = intent.Genres.Count == 0 && intent.Keywords.Count == 0 && intent.SimilarTo.Count == 0;
        return open ? Alpha : RelevanceAlpha;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ScoredCandidate>> PersonalizeAsync(
        UserContext user, RecommendationIntent intent, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(intent);
        var ordered = await content.PersonalizeAsync(user, intent, candidates, cancellationToken).ConfigureAwait(false);
        if (model.Current is not { } collaborative)
        {
            return ordered;
        }

        var session = SessionInteractions(user.History);
        AddAnchors(intent, session, user.UserId is null ? [] : collaborative.TrainingHistory(user.UserId));
        var known = user.UserId is not null && collaborative.TrainingHistory(user.UserId).Count > 0;
        if (!known && session.Count == 0)
        {
            // Cold start without a single signal: CF would only restate popularity, which the reranker already weighs.
            return ordered;
        }

        var ids = new string[ordered.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = ordered[i].Item.Id;
        }

        var cf = new float[ids.Length];
        collaborative.ScoreCandidates(user.UserId, session, ids, cf);
        var alpha = AlphaFor(intent);
        var result = new ScoredCandidate[ordered.Count];
        var pushed = new List<int>();
        for (var i = 0; i < result.Length; i++)
        {
            var c = ordered[i];
            var cfScore = collaborative.Contains(c.Item.Id) ? cf[i] : 0f;
            c.FinalScore = ContentCollaborativeBlend.Score(c.FinalScore, cfScore, alpha);
            if (cfScore >= 0.5f)
            {
                pushed.Add(i);
            }

            result[i] = c;
        }

        Link(collaborative, user.UserId, session, ordered, pushed);
        Array.Sort(result, static (a, b) => b.FinalScore.CompareTo(a.FinalScore));
        return result;
    }

    // Names, for each item CF put forward, the history item most watched by the same people; the generic reason otherwise.
    private void Link(CollaborativePersonalizer collaborative, string? userId, List<UserInteraction> session, IReadOnlyList<ScoredCandidate> ordered, List<int> pushed)
    {
        if (pushed.Count == 0)
        {
            return;
        }

        var ids = new string[pushed.Count];
        for (var p = 0; p < ids.Length; p++)
        {
            ids[p] = ordered[pushed[p]].Item.Id;
        }

        var links = catalog is null ? new string?[ids.Length] : collaborative.StrongestLinks(userId, session, ids);
        for (var p = 0; p < ids.Length; p++)
        {
            var c = ordered[pushed[p]];
            if (links[p] is { } id && catalog!.TryGet(id, out var because))
            {
                c.BecauseOf = because;
                var verb = because.Domain == ItemDomain.Book ? "read" : "watched";
                c.Reasons.Add($"people who {verb} {because.DisplayTitle} also {verb} it");
            }
            else
            {
                c.Reasons.Add("liked by people with your taste");
            }
        }
    }

    /// <summary>Titles the user named ("movies like Heat") act as the latest likes, so CF finds what their fans watch next.</summary>
    private static void AddAnchors(RecommendationIntent intent, List<UserInteraction> session, IReadOnlyList<UserInteraction> stored)
    {
        if (intent.SimilarTo.Count == 0)
        {
            return;
        }

        var latest = Math.Max(session.Count > 0 ? session[^1].Timestamp : 0, stored.Count > 0 ? stored[^1].Timestamp : 0);
        foreach (var anchor in intent.SimilarTo)
        {
            if (anchor.ItemId is { } id)
            {
                session.Add(new UserInteraction(id, ++latest, InteractionSignal.Like));
            }
        }
    }

    private static List<UserInteraction> SessionInteractions(IReadOnlyList<Interaction> history)
    {
        var session = new List<UserInteraction>();
        foreach (var h in history)
        {
            InteractionSignal? signal = h.Kind switch
            {
                InteractionKinds.Like => InteractionSignal.Like,
                InteractionKinds.Dislike => InteractionSignal.Dislike,
                InteractionKinds.Watched => InteractionSignal.Watched,
                InteractionKinds.Skip => InteractionSignal.Skip,
                _ => null, // imported ratings are already the model's training history
            };
            if (signal is { } s)
            {
                session.Add(new UserInteraction(h.ItemId, h.Timestamp, s));
            }
        }

        return session;
    }
}
