using AgentRec.Core.Catalog;

namespace AgentRec.Core.Embeddings;

/// <summary>The hashed features of one text: bucket ids and their pooling weights (the weights sum to 1).</summary>
public readonly record struct HashedFeatures(int[] Ids, float[] Weights)
{
    /// <summary>Number of features.</summary>
    public int Count => Ids.Length;
}

/// <summary>
/// Turns text into hashed word unigrams, word bigrams and character trigrams of each word (with boundary marks),
/// bucketed with 64-bit FNV-1a. Each word's character trigrams share one word's weight, so long words do not
/// dominate; the weights are normalised to sum to 1, which makes the pooled vector a weighted mean.
/// </summary>
public sealed class HashedNgramFeaturizer
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Creates a featurizer over <paramref name="buckets"/> buckets (a power of two).</summary>
    public HashedNgramFeaturizer(int buckets, int maxFeatures = 512)
    {
        if (buckets <= 1 || (buckets & (buckets - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "Bucket count must be a power of two above 1.");
        }

        Buckets = buckets;
        MaxFeatures = Math.Max(1, maxFeatures);
    }

    /// <summary>Number of hash buckets (rows of the embedding table).</summary>
    public int Buckets { get; }

    /// <summary>The most features kept per text; the rest of a long text is ignored.</summary>
    public int MaxFeatures { get; }

    /// <summary>The hashed features of <paramref name="text"/>; an empty text gives no features.</summary>
    public HashedFeatures Featurize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = TextTokens.Tokenize(text, dropStopWords: false);
        var ids = new List<int>(Math.Min(MaxFeatures, words.Count * 8));
        var weights = new List<float>(ids.Capacity);
        Span<char> buffer = stackalloc char[3];
        for (var w = 0; w < words.Count && ids.Count < MaxFeatures; w++)
        {
            var word = words[w];
            Add(ids, weights, Hash('w', word, string.Empty), 1f);
            if (w > 0)
            {
                Add(ids, weights, Hash('b', words[w - 1], word), 0.5f);
            }

            // Character trigrams over "<word>": boundary marks make prefixes and suffixes distinct features.
            var marked = "<" + word + ">";
            var grams = marked.Length - 2;
            for (var i = 0; i < grams && ids.Count < MaxFeatures; i++)
            {
                marked.AsSpan(i, 3).CopyTo(buffer);
                Add(ids, weights, Hash('c', buffer), 1f / grams);
            }
        }

        var total = 0f;
        foreach (var x in weights)
        {
            total += x;
        }

        var weightArray = weights.ToArray();
        if (total > 0)
        {
            for (var i = 0; i < weightArray.Length; i++)
            {
                weightArray[i] /= total;
            }
        }

        return new HashedFeatures([.. ids], weightArray);
    }

    private static void Add(List<int> ids, List<float> weights, ulong hash, float weight)
    {
        ids.Add((int)hash);
        weights.Add(weight);
    }

    private ulong Hash(char kind, string a, string b)
    {
        var h = Step(FnvOffset, kind);
        foreach (var c in a)
        {
            h = Step(h, c);
        }

        if (b.Length > 0)
        {
            h = Step(h, ' ');
            foreach (var c in b)
            {
                h = Step(h, c);
            }
        }

        return Finish(h);
    }

    private ulong Hash(char kind, ReadOnlySpan<char> chars)
    {
        var h = Step(FnvOffset, kind);
        foreach (var c in chars)
        {
            h = Step(h, c);
        }

        return Finish(h);
    }

    private ulong Finish(ulong h)
    {
        // Fold the high bits in: FNV's low bits alone are weak for power-of-two tables.
        h ^= h >> 29;
        return h & (ulong)(Buckets - 1);
    }

    private static ulong Step(ulong h, char c)
    {
        h ^= (byte)c;
        h *= FnvPrime;
        h ^= (byte)(c >> 8);
        return h * FnvPrime;
    }
}
