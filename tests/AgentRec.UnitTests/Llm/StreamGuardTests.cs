using AgentRec.Core.Llm;

namespace AgentRec.UnitTests.Llm;

public sealed class StreamGuardTests
{
    [Fact]
    public void Json_value_end_drops_a_second_closing_brace_after_the_value()
    {
        var end = new JsonValueEnd();
        string[] pieces = ["{\"title\":\"a}", "b\",\"n\":[1,{}]", "}}", " more"];

        var kept = string.Concat(pieces.Select(p => p[..end.Take(p)]));

        Assert.Equal("{\"title\":\"a}b\",\"n\":[1,{}]}", kept);
        Assert.True(end.Complete);
    }

    [Fact]
    public void Json_value_end_reads_escaped_quotes_inside_strings()
    {
        var end = new JsonValueEnd();

        var taken = end.Take("{\"a\":\"x\\\"}\"}}");

        Assert.Equal("{\"a\":\"x\\\"}\"}".Length, taken);
    }

    [Fact]
    public void Stop_sequence_split_across_pieces_is_held_back_and_cut()
    {
        var filter = new StopSequenceFilter(["</s>"]);

        var text = filter.Push("Heat is<") + filter.Push("/") + filter.Push("s> more");

        Assert.Equal("Heat is", text);
        Assert.True(filter.Stopped);
        Assert.Equal("", filter.Flush());
    }

    [Fact]
    public void Text_that_only_looks_like_a_stop_sequence_start_is_released()
    {
        var filter = new StopSequenceFilter(["END"]);

        var text = filter.Push("THE EN") + filter.Push("TRY");

        Assert.Equal("THE ENTRY", text + filter.Flush());
        Assert.False(filter.Stopped);
    }
}
