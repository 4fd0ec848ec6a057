using static AgentRec.Core.Intent.Rules.FeedbackRule;
using static AgentRec.Core.Intent.Rules.RefinementRule;
using static AgentRec.Core.Intent.Rules.SmalltalkRule;

namespace AgentRec.Core.Intent.Rules;

/// <summary>What a message asks the assistant to do: recommend, find similar, refine, explain, take feedback, or chat.</summary>
internal static partial class ActionRule
{
    internal static string DecideAction(List<IntentToken> words, string canon, TitleFindings found, bool hasSlots, bool namesSubject, RecommendationIntent? previous)
    {
        if ((!hasSlots && IsSmalltalk(words, canon)) || AboutTheAssistant().IsMatch(canon))
        {
            return IntentActions.Smalltalk;
        }

        // "Why the first one?", "what's the second one about?": a question about the answer or a work, not a new search.
        if (ExplainCue().IsMatch(canon) || Vocabulary.CueVocabulary.Default.AsksWhatItIsAbout(canon))
        {
            return IntentActions.Explain;
        }

        // "Besides The Matrix?", "除了千与千寻还有吗": the titles named go, the request stays what it was.
        if (found.LeaveOut && found.LeftOut.Count == found.Titles.Count)
        {
            return IntentActions.Feedback;
        }

        var request = RequestCue().IsMatch(canon) && !OpinionOfAnswer().IsMatch(canon);
        if (!request && (found.Feedback || AnaphoricFeedback().IsMatch(canon)))
        {
            return IntentActions.Feedback;
        }

        // Follow-up words make a refinement even on their own ("more please"); a first message naming the title it is
        // like ("Loved The Martian, anything else like it?") is a request for similar items.
        var inConversation = previous is not null && previous.Action != IntentActions.Smalltalk;
        var firstAboutTitle = previous is null && found.Titles.Count > 0;
        if (!firstAboutTitle && (Anaphora().IsMatch(canon) || (StrongRefine().IsMatch(canon) && !(found.Similar && found.Titles.Count > 0))))
        {
            return IntentActions.Refine;
        }

        if (found.Titles.Count > 0)
        {
            return previous is not null && ReplaceCue().IsMatch(canon) && !found.Similar ? IntentActions.Refine : IntentActions.Similar;
        }

        if (inConversation && (WeakRefine().IsMatch(canon) || !RequestVerb().IsMatch(canon) || !namesSubject))
        {
            return IntentActions.Refine;
        }

        return IntentActions.Recommend;
    }

    [GeneratedRegex(@"\bwhy\b(?!\s+not\b)|(?<!\b(?:that|which|who)\s)\bexplain\w*|\bhow\s+come\b|\bwhat\s+makes\b|\bwhat\s+made\s+you\b|\bhow\s+(?:is|was|are|does)\b.{1,60}?\b(?:related|relevant|connected|similar|fit|fits|match|matches)\b|\breasons?\s+(?:for|why|behind)\b|\bwhat'?s\s+so\s+(?:good|great|special)\b|为什么|为何|为啥|干嘛推荐|怎么会推荐|理由|原因|解释|凭什么")]
    internal static partial Regex ExplainCue();

    [GeneratedRegex(@"\b(?:recommend\w*|suggest\w*|show|give|find|want|looking|look\s+for|need|else|anything|something|any|more|similar|other|list|get\s+me|can\s+you|could\s+you|should\s+i|ideas?|picks?|what\s+(?:now|next)|now\s+what|where\s+(?:next|now)|(?:read|watch|see)\s+next|next\s+fix)\b|\?|推荐|有没有|还有什么|类似|给我|想看|求|来几部|来一部|什么|哪本|哪部|哪一本|哪一部")]
    internal static partial Regex RequestCue();

    [GeneratedRegex(@"\b(?:recommend\w*|suggest\w*|show|give|find|want|looking|need|list|get\s+me|can\s+you|could\s+you|what\s+are|what's|whats|any|movies?|films?|books?|novels?|documentar\w+)\b|推荐|给我|想看|来几部|来一部|电影|书|小说")]
    internal static partial Regex RequestVerb();
}
