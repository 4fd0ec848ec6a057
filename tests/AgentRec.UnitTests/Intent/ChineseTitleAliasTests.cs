using AgentRec.Core.Intent;

namespace AgentRec.UnitTests.Intent;

[Collection(CatalogCollection.Name)]
public sealed class ChineseTitleAliasTests(CatalogFixture fixture)
{
    [Fact]
    public void Every_Chinese_name_is_written_as_the_parser_normalises_a_message()
    {
        // Names are matched against the lower-cased, NFKC-normalised message: "X战警" or "色，戒" could never match.
        var unmatched = IntentLexicon.ChineseTitles
            .Where(p => IntentText.Normalize(p.Key) != p.Key)
            .Select(p => p.Key)
            .ToList();

        Assert.True(unmatched.Count == 0, "Not written in normalised form: " + string.Join("; ", unmatched));
    }

    [Theory]
    [InlineData("和《指环王：双塔奇兵》类似的电影", "5952")]
    [InlineData("有没有和星际宝贝类似的", "5444")]
    [InlineData("有没有和X战警类似的电影", "3793")]
    [InlineData("像《色，戒》那样的电影", "55253")]
    [InlineData("和纳尼亚传奇类似的书", "book-37")]
    [InlineData("和《一九八四》类似的书", "book-13")]
    [InlineData("有没有和哈利·波特与阿兹卡班的囚徒类似的书", "book-18")]
    [InlineData("和《思考，快与慢》类似的书", "book-619")]
    public void A_Chinese_name_resolves_to_its_catalog_item(string message, string itemId)
    {
        var intent = fixture.Parser.Parse(message);

        Assert.Contains(intent.SimilarTo, t => t.ItemId == itemId);
    }
}
