using AgentRec.Core.Contracts;
using AgentRec.Core.Hosting;

namespace AgentRec.UnitTests.Hosting;

public sealed class LogTextTests
{
    [Fact]
    public void Line_breaks_and_escape_characters_are_escaped()
    {
        var safe = LogText.Safe("item\r\nfail: forged entry\u001b[31m\u2028");

        Assert.Equal("item\\u000d\\u000afail: forged entry\\u001b[31m\\u2028", safe);
    }

    [Fact]
    public void Lone_surrogates_are_escaped_and_pairs_kept()
    {
        Assert.Equal("a\\ud800b😀", LogText.Safe("a\ud800b😀"));
    }

    [Fact]
    public void Long_values_are_cut_with_the_length_left_out()
    {
        var safe = LogText.Safe(new string('x', 10_000));

        Assert.StartsWith(new string('x', LogText.MaxLength) + "…(+", safe, StringComparison.Ordinal);
        Assert.True(safe.Length < LogText.MaxLength + 20);
    }

    [Fact]
    public void Ordinary_values_are_returned_as_they_are()
    {
        const string value = "user-42@example";

        Assert.Same(value, LogText.Safe(value));
    }
}
