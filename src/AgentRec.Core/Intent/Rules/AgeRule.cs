namespace AgentRec.Core.Intent.Rules;

/// <summary>
/// The age of the person the request is for ("book for my 10 year old", "my daughter is 11", "给8岁的孩子"): a child
/// of <see cref="MaxChildAge"/> or under asks for children's titles, a teenager for young-adult books.
/// </summary>
internal static partial class AgeRule
{
    /// <summary>The oldest age read as a child's (children's books and films); older, to 17, is a teenager's.</summary>
    public const int MaxChildAge = 12;

    /// <summary>The oldest age read as a teenager's.</summary>
    public const int MaxTeenAge = 17;

    /// <summary>The youngest age whose books are chapter books (the middle-grade shelf), not picture books.</summary>
    public const int MinMiddleGradeAge = 8;

    /// <summary>The youngest age <paramref name="canon"/> gives for whom the request is, or null.</summary>
    internal static int? Extract(string canon)
    {
        int? youngest = null;
        foreach (Match m in Age().Matches(canon))
        {
            var text = m.Groups["n"].Success ? m.Groups["n"].Value : m.Groups["zh"].Value;
            var age = Rules.CountRule.ParseChineseNumber(text);
            if (age is > 0 and <= MaxTeenAge && (youngest is null || age < youngest))
            {
                youngest = age;
            }
        }

        return youngest;
    }

    /// <summary>
    /// Adds what the age asks for: Children for a child (unless ruled out), with the middle-grade shelf for the books of
    /// a child of eight or more; the young-adult shelf for a teenager's books.
    /// </summary>
    internal static void Apply(string canon, List<string> genres, List<string> excludes, List<string> keywords, string? domain)
    {
        var age = Extract(canon);
        switch (age)
        {
            case <= MaxChildAge when !excludes.Contains("Children", StringComparer.OrdinalIgnoreCase):
                if (!genres.Contains("Children", StringComparer.OrdinalIgnoreCase))
                {
                    genres.Add("Children");
                }

                if (age >= MinMiddleGradeAge && domain == IntentDomains.Book && !keywords.Contains("middle-grade", StringComparer.OrdinalIgnoreCase))
                {
                    keywords.Add("middle-grade");
                }

                break;
            case > MaxChildAge when domain == IntentDomains.Book && !keywords.Contains("young-adult", StringComparer.OrdinalIgnoreCase):
                keywords.Add("young-adult");
                break;
        }
    }

    [GeneratedRegex(@"\b(?<n>\d{1,2})[\s-]*(?:year|yr)s?[\s-]*olds?\b|\b(?:son|daughter|kid|kids|child|children|niece|nephew|grandson|granddaughter|boy|girl|student|students)\s+(?:is|are|just\s+turned|turned|turns|aged?)\s+(?<n>\d{1,2})\b|(?<zh>\d{1,2}|[一二两三四五六七八九十]{1,3})岁")]
    private static partial Regex Age();
}
