using AgentRec.Core.Intent;

namespace AgentRec.IntegrationTests;

/// <summary>Checks of the hub contract shared by the tests of every client.</summary>
internal static class ContractAssert
{
    /// <summary>Every item has each of the intent's genres, none of its excluded genres, and a year in its inclusive range.</summary>
    public static void MeetHardConstraints(RecommendationIntent intent, IEnumerable<RecommendedItem> items) =>
        Assert.All(items, i =>
        {
            Assert.All(intent.Genres, g => Assert.Contains(g, i.Genres));
            Assert.All(intent.ExcludeGenres, g => Assert.DoesNotContain(g, i.Genres));
            if (intent.YearFrom is not null || intent.YearTo is not null)
            {
                Assert.NotNull(i.Year);
                Assert.InRange(i.Year.Value, intent.YearFrom ?? int.MinValue, intent.YearTo ?? int.MaxValue);
            }
        });
}
