using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Request-independent quality signals per item: a Bayesian-shrunk rating (so an item with two 5-star ratings
/// does not outrank one with three hundred 4.4s) and a log-scaled popularity, both in [0, 1] within the item's domain.
/// </summary>
public sealed class ItemPriors
{
    private readonly float[] _rating;
    private readonly float[] _popularity;
    private readonly double[] _shrunkMean;

    /// <summary>Computes the priors of every item; <paramref name="shrinkage"/> is the number of pseudo-ratings at the domain mean.</summary>
    public ItemPriors(ItemCatalog catalog, double shrinkage = 25)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        var n = catalog.Count;
        _rating = new float[n];
        _popularity = new float[n];
        _shrunkMean = new double[n];
        foreach (var domain in Enum.GetValues<ItemDomain>())
        {
            double sum = 0, count = 0, maxLogPop = 0;
            for (var i = 0; i < n; i++)
            {
                var item = catalog.Items[i];
                if (item.Domain != domain || item.Popularity == 0)
                {
                    continue;
                }

                sum += item.MeanRating * item.Popularity;
                count += item.Popularity;
                maxLogPop = Math.Max(maxLogPop, Math.Log(1 + item.Popularity));
            }

            var globalMean = count > 0 ? sum / count : 0;
            // Book counts are in millions; scale the pseudo-count with the domain's typical support.
            var c = domain == ItemDomain.Book ? shrinkage * 1000 : shrinkage;
            double minShrunk = double.MaxValue, maxShrunk = double.MinValue;
            for (var i = 0; i < n; i++)
            {
                var item = catalog.Items[i];
                if (item.Domain != domain)
                {
                    continue;
                }

                _shrunkMean[i] = ((c * globalMean) + (item.Popularity * item.MeanRating)) / (c + item.Popularity);
                minShrunk = Math.Min(minShrunk, _shrunkMean[i]);
                maxShrunk = Math.Max(maxShrunk, _shrunkMean[i]);
                _popularity[i] = maxLogPop > 0 ? (float)(Math.Log(1 + item.Popularity) / maxLogPop) : 0;
            }

            var range = maxShrunk - minShrunk;
            for (var i = 0; i < n; i++)
            {
                if (catalog.Items[i].Domain == domain)
                {
                    _rating[i] = range > 0 ? (float)((_shrunkMean[i] - minShrunk) / range) : 0;
                }
            }
        }
    }

    /// <summary>The catalog the priors describe.</summary>
    public ItemCatalog Catalog { get; }

    /// <summary>Shrunk rating of item <paramref name="index"/>, scaled to [0, 1] within its domain.</summary>
    public float Rating(int index) => _rating[index];

    /// <summary>Log popularity of item <paramref name="index"/>, scaled to [0, 1] within its domain.</summary>
    public float Popularity(int index) => _popularity[index];

    /// <summary>A retrieval rank: the request relevance in [0, 1] lifted a little by popularity and rating, so ties and filter-only requests favour well-liked items.</summary>
    public double RetrievalRank(int index, double relevance) => relevance + (0.15 * _popularity[index]) + (0.1 * _rating[index]);

    /// <summary>The shrunk mean rating on the source's own scale.</summary>
    public double ShrunkMean(int index) => _shrunkMean[index];
}
