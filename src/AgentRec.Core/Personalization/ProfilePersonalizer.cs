using AgentRec.Core.Catalog;
using AgentRec.Core.State;

namespace AgentRec.Core.Personalization;

/// <summary>
/// Personalizes with a content profile of the user's history: genre and tag affinities from what they rated,
/// liked or disliked, each interaction weighted by exp(−Δt/τ) so recent taste counts more. A user with no
/// history keeps the reranker's order.
/// </summary>
public sealed class ProfilePersonalizer(ItemCatalog catalog, TimeProvider time, double tauDays = ProfilePersonalizer.DefaultTauDays, double weight = 0.35) : IPersonalizer
{
    /// <summary>Decay of the profile in days when none was picked on validation.</summary>
    public const double DefaultTauDays = 365;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ScoredCandidate>> PersonalizeAsync(
        UserContext user, RecommendationIntent intent, IReadOnlyList<ScoredCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(candidates);
        cancellationToken.ThrowIfCancellationRequested();
        var profile = BuildProfile(user.History);
        var maxRerank = 0.0;
        foreach (var c in candidates)
        {
            maxRerank = Math.Max(maxRerank, Math.Abs(c.RerankScore));
        }

        foreach (var c in candidates)
        {
            var baseScore = maxRerank > 0 ? c.RerankScore / maxRerank : 0;
            var affinity = profile.Count == 0 ? 0 : Affinity(profile, c.Item);
            c.FinalScore = baseScore + (weight * affinity);
            if (affinity > 0.25)
            {
                c.Reasons.Add("fits your taste");
            }
        }

        var ordered = candidates.ToArray();
        Array.Sort(ordered, static (a, b) => b.FinalScore.CompareTo(a.FinalScore));
        return ValueTask.FromResult<IReadOnlyList<ScoredCandidate>>(ordered);
    }

    private Dictionary<string, double> BuildProfile(IReadOnlyList<Interaction> history)
    {
        var profile = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (history.Count == 0)
        {
            return profile;
        }

        // Ratings count relative to the user's own mean: a 3 from a harsh rater is praise.
        double sum = 0;
        var rated = 0;
        foreach (var h in history)
        {
            if (h.Kind == InteractionKinds.Rating)
            {
                sum += h.Value;
                rated++;
            }
        }

        var mean = rated > 0 ? sum / rated : 3.5;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var h in history)
        {
            if (!catalog.TryGet(h.ItemId, out var item))
            {
                continue;
            }

            var signal = h.Kind switch
            {
                InteractionKinds.Rating => (h.Value - mean) / 2.0,
                InteractionKinds.Like => 1.0,
                InteractionKinds.Dislike => -1.0,
                InteractionKinds.Watched => 0.3,
                _ => 0.0,
            };
            if (signal == 0)
            {
                continue;
            }

            var ageDays = Math.Max(0, now - h.Timestamp) / 86_400.0;
            var decayed = signal * Math.Exp(-ageDays / tauDays);
            foreach (var g in item.Genres)
            {
                profile[g] = profile.GetValueOrDefault(g) + decayed;
            }

            foreach (var t in item.Tags)
            {
                profile["#" + t] = profile.GetValueOrDefault("#" + t) + (0.5 * decayed);
            }
        }

        var norm = profile.Values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (norm > 0)
        {
            foreach (var key in profile.Keys.ToArray())
            {
                profile[key] /= norm;
            }
        }

        return profile;
    }

    private static double Affinity(Dictionary<string, double> profile, CatalogItem item)
    {
        double score = 0;
        var n = 0;
        foreach (var g in item.Genres)
        {
            score += profile.GetValueOrDefault(g);
            n++;
        }

        foreach (var t in item.Tags)
        {
            score += profile.GetValueOrDefault("#" + t);
        }

        return n == 0 ? score : score / Math.Sqrt(n);
    }
}
