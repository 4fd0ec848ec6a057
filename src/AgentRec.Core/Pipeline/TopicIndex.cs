using System.Collections.Concurrent;
using AgentRec.Core.Catalog;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// The catalog positions that carry a request's topics (<see cref="TopicTags.Carries"/>): "slasher", "world war ii",
/// "heist". Retrieval ranks by the words of the whole request and may leave out most of the few items tagged with a
/// topic; these positions let the pipeline fetch them too. Memoised per topic, bounded.
/// </summary>
internal sealed class TopicIndex(ItemCatalog catalog)
{
    private const int MaxMemoTopics = 256;

    private readonly ConcurrentDictionary<string, bool[]> _carriers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The positions <paramref name="only"/> allows (all when null) that carry one of <paramref name="topics"/>; feelings
    /// ("dark") are no topic here, their tags being on too many items to single any out, unless curated knowledge names
    /// the films that have them (<see cref="MovieTopics"/>: "feel-good"). Null when no topic is left or nothing carries one.
    /// </summary>
    public bool[]? Carrying(IReadOnlyList<string> topics, bool[]? only)
    {
        bool[]? result = null;
        foreach (var topic in topics)
        {
            if (MoodVocabulary.Default.IsFeeling(topic) && !MovieTopics.Default.Knows(topic))
            {
                continue;
            }

            var carriers = Of(topic);
            for (var i = 0; i < carriers.Length; i++)
            {
                if (carriers[i] && (only is null || only[i]))
                {
                    (result ??= new bool[carriers.Length])[i] = true;
                }
            }
        }

        return result;
    }

    private bool[] Of(string topic)
    {
        // Topics come from what people type: the memo is bounded, not a record of every word ever asked for.
        if (_carriers.Count >= MaxMemoTopics)
        {
            _carriers.Clear();
        }

        return _carriers.GetOrAdd(topic, static (t, items) =>
        {
            var phrases = TopicTags.Phrases([t]);
            var mask = new bool[items.Count];
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = TopicTags.Carries(items[i], phrases);
            }

            return mask;
        }, catalog.Items);
    }
}
