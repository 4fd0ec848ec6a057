using AgentRec.Core.Retrieval;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Retrieval;

public sealed class TopKTests
{
    [Fact]
    public void Keeps_the_best_k_best_first_and_equal_ranks_keep_the_lower_index()
    {
        var top = new TopK(3);
        double[] ranks = [0.2, 0.9, 0.2, 0.5, 0.9, 0.1];
        for (var i = 0; i < ranks.Length; i++)
        {
            top.Offer(i, ranks[i]);
        }

        Assert.Equal([(1, 0.9), (4, 0.9), (3, 0.5)], top.Drain());
        Assert.Empty(top.Drain());
    }

    [Fact]
    public void A_zero_sized_top_keeps_nothing()
    {
        var top = new TopK(0);
        top.Offer(0, 1);

        Assert.Empty(top.Drain());
    }

    [Property(MaxTest = 300)]
    public Property Drain_equals_a_full_sort_by_rank_then_index(int[] raw, PositiveInt k)
    {
        var ranks = raw.Select(x => (double)(x % 5)).ToArray(); // few values: many ties
        var size = k.Get % 25;
        var top = new TopK(size);
        // Offered in a shuffled order: the result must not depend on it.
        var order = Enumerable.Range(0, ranks.Length).OrderBy(i => (i * 7919) % 101).ToArray();
        foreach (var i in order)
        {
            top.Offer(i, ranks[i]);
        }

        var expected = Enumerable.Range(0, ranks.Length).OrderByDescending(i => ranks[i]).ThenBy(i => i).Take(size).Select(i => (i, ranks[i]));
        return expected.SequenceEqual(top.Drain()).ToProperty();
    }

    [Fact]
    public void Best_is_best_first_with_ties_by_lower_index_and_leaves_out_non_positive_scores()
    {
        double[] scores = [0.5, 0, 2, 0.5, -1, 2, 0.5];

        Assert.Equal([2, 5, 0], TopK.Best(scores, 3));
        Assert.Equal([2, 5, 0, 3, 6], TopK.Best(scores, 10));
        Assert.Empty(TopK.Best(scores, 0));
    }

    [Fact]
    public void Best_asks_the_predicate_and_skips_what_it_refuses()
    {
        double[] scores = [3, 2, 1, 4];

        Assert.Equal([3, 1], TopK.Best(scores, 2, i => i != 0));
    }

    [Property(MaxTest = 300)]
    public Property Best_equals_a_full_sort_of_the_allowed_positive_scores(int[] raw, PositiveInt count)
    {
        // Few distinct values, so ties are common.
        var scores = raw.Select(x => (double)((x % 7) - 2)).ToArray();
        var k = 1 + (count.Get % 20);
        bool Include(int i) => i % 4 != 1;

        var expected = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0 && Include(i))
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k);

        return expected.SequenceEqual(TopK.Best(scores, k, Include)).ToProperty();
    }
}
