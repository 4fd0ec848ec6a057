namespace AgentRec.Core.Intent.Rules;

/// <summary>The order a request asks for: best rated, most popular or newest.</summary>
internal static partial class SortRule
{
    /// <summary>The order the request asks for; with <paramref name="countedTop"/> a bare "top" (as in "top 5") is a count, not an order.</summary>
    internal static string? ExtractSort(string canon, bool countedTop = false)
    {
        string? sort = null;
        var best = int.MaxValue;
        void Try(Regex regex, string value)
        {
            foreach (Match m in regex.Matches(canon))
            {
                var before = canon[Math.Max(0, m.Index - 12)..m.Index];
                if (NotBefore().IsMatch(before) || (countedTop && m.Value == "top"))
                {
                    continue;
                }

                if (m.Index < best)
                {
                    best = m.Index;
                    sort = value;
                }

                break;
            }
        }

        Try(RatingCue(), IntentSorts.Rating);
        Try(PopularityCue(), IntentSorts.Popularity);
        Try(NewestCue(), IntentSorts.Newest);
        return sort;
    }

    [GeneratedRegex(@"(?:\bnot|\bless|\bun|\bnon|不)[\s-]*(?:too\s+|very\s+|so\s+|that\s+|太|很)?$")]
    internal static partial Regex NotBefore();

    [GeneratedRegex(@"\b(?:highly|high|highest|best|top|well|better|greatly)[\s-]*(?:rated|reviewed|regarded|ranked|ratings?|scores?|scoring)\b|\btop\b|\bbest\b(?![\s-]?sell)|\bgreatest\b|\bfinest\b|\b(?:critically\s+)?acclaimed\b|\baward[\s-]winning\b|\boscar[\s-]winning\b|\bmasterpieces?\b|\bgood\s+reviews\b|\brated\s+(?:highly|well)\b|\bhighest\b|\b(?:sort\w*|order\w*|rank\w*)\s+(?:them\s+|it\s+)?by\s+(?:the\s+)?(?:ratings?|scores?|reviews?)\b|\bcritics'?\s+(?:favorites|picks|choice)\b|评分高|评分要高|评分高一点|评分高些|分要高|要高分|评分最高|高评分|高分|评价高|评价最高|好评|口碑|最好看|最佳|最好的|排行|排名|前十|神作")]
    internal static partial Regex RatingCue();

    [GeneratedRegex(@"\bpopular\b|\bpopularity\b|\bfamous\b|\bwell[\s-]known\b|\bevery(?:one|body)(?:'s|\s+(?:has|have))?\s+(?:already\s+)?(?:seen|watched|read|loves?|knows)\b|\btrending\b|\bblockbusters?\b|\bmainstream\b|\bmost[\s-](?:watched|viewed|seen|rated|loved)\b|\bcrowd[\s-]pleas\w*|\bbest[\s-]?sell\w*|\b(?:big|box[\s-]office)\s+hits?\b|\bbox[\s-]office\b|\bhyped\b|\bviral\b|\bget\s+into\b|\bgetting\s+into\b|\bwhere\s+(?:should|do|can)\s+i\s+start\b|\b(?:good\s+)?(?:place|book|one|film|movie)\s+to\s+start\b|\bstart(?:ing)?\s+with\b|\bbeginners?\b|\bnewbie\b|入门|从哪开始|从哪里开始|从哪本开始读|新手|热门|流行|最火|火爆|很火|受欢迎|大家都看过|人人都看过|人气|卖座|票房|爆款|大热|畅销")]
    internal static partial Regex PopularityCue();

    [GeneratedRegex(@"\b(?:latest|newest|newer|recent|recently|brand[\s-]new|new\s+releases?|just\s+(?:came\s+out|released)|fresh\s+releases?|modern)\b|\bnew\s+(?:movies?|films?|books?|ones?|stuff|releases?|comedies|thrillers|titles?|novels?|sci-fi|horror|anime|documentaries|dramas)\b|最新|新一点|新点|新一些|较新|新片|新上映|近期|最近(?!特别|很|有点|一直|总是|老是|心情|比较|压力|太|挺|真|状态|在|工作|睡|想|迷|喜欢|爱|对|开始|打算|准备|刚|看了|读了)|近几年|近年|新出的|刚上映|新电影|新书")]
    internal static partial Regex NewestCue();
}
