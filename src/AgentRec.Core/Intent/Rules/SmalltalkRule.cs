using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Greetings, thanks and questions about the assistant itself.</summary>
internal static partial class SmalltalkRule
{
    private static readonly ParserWords Words = ParserWords.Default;

    internal static bool IsSmalltalk(List<IntentToken> words, string canon)
    {
        if (ChineseSmalltalk().IsMatch(canon))
        {
            return true;
        }

        var core = false;
        var any = false;
        foreach (var t in words)
        {
            if (t.Kind == TokenKind.Punct)
            {
                continue;
            }

            if (t.Kind == TokenKind.Cjk)
            {
                return false;
            }

            any = true;
            if (Words.SmalltalkCore.Contains(t.Canon))
            {
                core = true;
            }
            else if (!Words.SmalltalkFiller.Contains(t.Canon))
            {
                return false;
            }
        }

        return core || !any;
    }

    [GeneratedRegex(@"^(?:(?:你好|您好|嗨|哈喽|哈啰|嘿|谢谢|多谢|感谢|谢啦|谢了|再见|拜拜|早上好|晚上好|下午好|早安|晚安|你是谁|在吗|在不在|好的|嗯|哈哈|你好啊|辛苦了|不客气|没事|不用了|不用|够了|就这样吧|就这样|没有了|好了|可以了|行了)[啊呀呢吗哈啦喔哦嘛你您了的!！~。.,，?？\s]*)+$")]
    internal static partial Regex ChineseSmalltalk();

    [GeneratedRegex(@"^(?:so\s+|ok(?:ay)?\s+|hi\s+|hey\s+|hello\s+)?(?:what\s+(?:can|do|could)\s+you\s+(?:do|help\s+(?:me\s+)?with)|what\s+are\s+you|who\s+are\s+you|who\s+(?:made|built|created|makes|programmed|trained)\s+you|how\s+(?:does\s+(?:this|it)|do\s+you)\s+work|are\s+you\s+(?:a\s+)?(?:bot|robot|human|real|an?\s+ai)|what\s+is\s+this)\b[^§]*$|^(?:你能做什么|你会什么|你会做什么|你能干什么|你是谁|你是机器人吗|你可以做什么|怎么用)")]
    internal static partial Regex AboutTheAssistant();
}
