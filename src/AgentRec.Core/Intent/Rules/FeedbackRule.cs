namespace AgentRec.Core.Intent.Rules;

/// <summary>Feedback on what was shown ("loved it", "看过了") as against an opinion of the answer itself.</summary>
internal static partial class FeedbackRule
{
    [GeneratedRegex(@"^(?:oh\s+|well\s+|and\s+|also\s+|btw\s+|honestly\s+)?(?:i\s+|we\s+)?(?:really\s+|absolutely\s+|totally\s+|kind\s+of\s+|kinda\s+|just\s+|also\s+)?(?:loved|liked|enjoyed|hated|disliked|love|like|adore|adored|hate|didn'?t\s+like|did\s+not\s+like|don'?t\s+like|didn'?t\s+enjoy|watched|saw|have\s+seen|'ve\s+seen|already\s+(?:seen|watched|saw))\s+(?:it|that|this|them|those|these|that\s+one|this\s+one|the\s+\w+\s+one)\b|\bthumbs\s+(?:up|down)\b|\bnot\s+for\s+me\b|^(?:i'?ve\s+)?(?:already\s+)?(?:seen|watched)\s+(?:it|that|this|them)\b|^(?:great|awesome|loved\s+it|boring|terrible|meh)\s*[.!]*$|(?:我)?(?:很|非常|特别|挺|真)?(?:喜欢|不喜欢|讨厌|看过)(?:这部|那部|这个|那个|它|第.部)|看过了|已经看过|读过了|已经读过|读完了|(?:很|非常|特别|挺|真|不太|不)?(?:喜欢|讨厌)(?:这个|这些|那个|那些|这几个|你的|这次的)推荐|\b(?:don'?t|didn'?t|do\s+not|did\s+not)\s+(?:like|love|enjoy)\s+(?:this|these|that|those|your)\s+(?:recommendations?|suggestions?|picks?|list)\b")]
    internal static partial Regex AnaphoricFeedback();

    // An opinion of the answer itself ("不喜欢这个推荐", "I don't like these suggestions") names the request as its object.
    [GeneratedRegex(@"(?:喜欢|讨厌)(?:这个|这些|那个|那些|这几个|你的|这次的)推荐(?:[啊呀了的!！。.,，\s]*)$|^(?:i\s+)?(?:really\s+)?(?:don'?t|didn'?t|do\s+not|did\s+not)\s+(?:like|love|enjoy)\s+(?:this|these|that|those|your)\s+(?:recommendations?|suggestions?|picks?|list)\b")]
    internal static partial Regex OpinionOfAnswer();
}
