using AgentRec.Core.Retrieval;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Retrieval;

public sealed class RankFusionTests
{
    [Fact]
    public void Top_is_best_first_with_ties_by_lower_index_and_leaves_out_non_positive_scores()
    {
        double[] scores = [0.5, 0, 2, 0.5, -1, 2, 0.5];

        Assert.Equal([2, 5, 0], RankFusion.Top(scores, 3));
        Assert.Equal([2, 5, 0, 3, 6], RankFusion.Top(scores, 10));
        Assert.Empty(RankFusion.Top(scores, 0));
    }

    [Fact]
    public void Top_asks_the_predicate_and_skips_what_it_refuses()
    {
        double[] scores = [3, 2, 1, 4];

        Assert.Equal([3, 1], RankFusion.Top(scores, 2, i => i != 0));
    }

    [Property(MaxTest = 300)]
    public Property Top_equals_a_full_sort_of_the_allowed_positive_scores(int[] raw, PositiveInt count)
    {
        // Few distinct values, so ties are common.
        var scores = raw.Select(x => (double)((x % 7) - 2)).ToArray();
        var k = 1 + (count.Get % 20);
        bool Include(int i) => i % 4 != 1;

        var expected = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0 && Include(i))
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k);

        return expected.SequenceEqual(RankFusion.Top(scores, k, Include)).ToProperty();
    }
}
