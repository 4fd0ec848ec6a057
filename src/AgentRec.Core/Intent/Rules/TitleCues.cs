using AgentRec.Core.Intent.Vocabulary;
using static AgentRec.Core.Intent.Rules.ChineseTitleRule;

namespace AgentRec.Core.Intent.Rules;

/// <summary>The cues that introduce a title: comparisons ("like", "similar to"), feedback verbs ("loved", "finished") and explanation questions ("why Zodiac?").</summary>
internal static class TitleCues
{
    private static readonly ParserWords Words = ParserWords.Default;

    internal enum Cue
    {
        Similar,
        Feedback,
        Explain,
        LeaveOut,
    }

    internal static bool TryCue(List<IntentToken> tokens, int i, bool explain, out int length, out Cue cue)
    {
        length = 0;
        cue = Cue.Similar;
        var t = tokens[i];
        if (t.Kind == TokenKind.Cjk)
        {
            // An English title right after a Chinese cue: "类似Inception的", "我喜欢Heat".
            if (i + 1 < tokens.Count && tokens[i + 1].IsWord)
            {
                var cjk = ChineseCueBeforeLatin().Match(t.Text);
                if (cjk.Success)
                {
                    length = 1;
                    cue = cjk.Groups["fb"].Success ? Cue.Feedback : cjk.Groups["ex"].Success ? Cue.Explain : Cue.Similar;
                    return true;
                }
            }

            return false;
        }

        if (t.Kind != TokenKind.Word)
        {
            return false;
        }

        var w = t.Canon;
        string At(int k) => i + k < tokens.Count && i + k >= 0 ? tokens[i + k].Canon : "";
        switch (w)
        {
            case "like" when !IsLikeVerb(tokens, i) && !YearWithBound(tokens, i + 1) && !SpanOfTime(tokens, i + 1):
                length = 1;
                return true;
            case "similar" when At(1) is "to" or "with":
            case "such" when At(1) == "as":
            case "reminiscent" when At(1) == "of":
            case "comparable" when At(1) == "to":
            case "akin" when At(1) == "to":
            case "inspired" when At(1) == "by":
            case "fans" or "fan" when At(1) == "of":
            // "Is there a movie version of gone girl?", "the film adaptation of Dune", "a movie based on the martian".
            case "version" or "adaptation" or "adaptations" when At(1) == "of":
            case "based" when At(1) == "on":
                length = 2;
                return true;
            case "similar" when At(1) is "vibe" or "vibes" or "feel" or "tone" && At(2) is "to" or "as":
            case "reminds" when At(1) is "me" or "you" && At(2) == "of":
            case "same" when At(1) is "vibe" or "vibes" or "feel" or "style" && At(2) is "as" or "to":
                length = 3;
                return true;
            case "as" when At(2) == "as" && At(1) is { Length: > 0 } mid && mid is not ("well" or "long" or "soon" or "far" or "much" or "many"):
                length = 3;
                return true;
            case "in" when At(1) == "the" && At(2) is "vein" or "style" or "spirit" && At(3) == "of":
            case "along" when At(1) == "the" && At(2) == "lines" && At(3) == "of":
                length = 4;
                return true;
            // "What should I watch after Inception", "what to read next after The Martian".
            case "after" when Words.NextAfter.Contains(At(-1)):
            case "resembling" or "resembles":
                length = 1;
                return true;
            case "vein" or "spirit" or "mold" or "mould" when At(1) is "as" or "of":
                length = 2;
                return true;
        }

        // "besides The Matrix", "other than Spirited Away": the names after it are to be left out.
        if (CueVocabulary.Default.LeaveOutWordsAt(At, 0) is > 0 and var leave)
        {
            length = leave;
            cue = Cue.LeaveOut;
            return true;
        }

        // "My dad is obsessed with rocky", "a big fan of the matrix": taken with the title named next.
        if (Words.FondOf.Contains(w + " " + At(1)))
        {
            length = 2;
            cue = Cue.Feedback;
            return true;
        }

        // "I couldn't stand Mean Girls", "can't stand Twilight".
        if (w == "stand" && At(-1) is "couldn't" or "couldnt" or "can't" or "cant" or "cannot")
        {
            length = 1;
            cue = Cue.Feedback;
            return true;
        }

        if (explain && Words.ExplainVerbs.Contains(w) && At(1) is not ("why" or "how" or "what" or "me" or "to" or "us"))
        {
            length = 1;
            cue = Cue.Explain;
            return true;
        }

        // "Why Zodiac?", "why is Heat on the list", "how come Rear Window is there", "what makes Alien a good pick".
        var lead = w switch
        {
            "why" => 1,
            "come" when At(-1) == "how" => 1,
            "how" when At(1) is "is" or "was" or "are" or "does" or "do" or "did" => 2,
            "makes" when At(-1) == "what" => 1,
            _ => 0,
        };
        if (explain && lead > 0)
        {
            var next = At(lead);
            if (next is "is" or "was" or "are" or "were" or "'s")
            {
                lead++;
                next = At(lead);
            }

            if (next.Length > 0 && !Words.ExplainNotTitle.Contains(next))
            {
                length = lead;
                cue = Cue.Explain;
                return true;
            }
        }

        if (Words.FeedbackVerbs.Contains(w) && HasSubject(tokens, i))
        {
            // "finished all the Harry Potter books", "read all of the Dune books", "read all of a song of ice and fire",
            // "has read every single jack reacher book": the series follows.
            length = (At(1), At(2), At(3)) switch
            {
                ("all", "of", "the") => 4,
                ("all", "the", _) or ("all", "of", _) or ("every", "single", _) => 3,
                ("every", _, _) => 2,
                _ => 1,
            };
            cue = Cue.Feedback;
            for (var j = i - 1; j >= 0 && j >= i - 4; j--)
            {
                if (tokens[j].Canon is "if" or "since" or "because" or "cause" or "as")
                {
                    cue = Cue.Similar;
                }
            }

            return true;
        }

        return false;
    }

    // "like 2010 or later", "like 1995 onwards": a year with a bound is a range, not the film called "2010".
    // "in like a week", "watched it like 20 times": a filler "like" before an amount of time, never a comparison.
    private static bool SpanOfTime(List<IntentToken> tokens, int at)
    {
        for (var k = at; k < tokens.Count && k <= at + 2; k++)
        {
            var w = tokens[k].Canon;
            if (Words.TimeUnits.Contains(w) || w is "times" or "time" or "hours" or "hour" or "minutes" or "weeks")
            {
                return k > at;
            }

            if (!(w is "a" or "an" or "half" or "few" or "couple" || tokens[k].Kind == TokenKind.Number || IntentLexicon.NumberWords.ContainsKey(w)))
            {
                return false;
            }
        }

        return false;
    }

    private static bool YearWithBound(List<IntentToken> tokens, int at)
    {
        if (at >= tokens.Count || tokens[at].Kind != TokenKind.Number || tokens[at].Text.Length != 4 || !int.TryParse(tokens[at].Text, out var year) || year is < 1900 or > 2099)
        {
            return false;
        }

        string After(int k) => at + k < tokens.Count ? tokens[at + k].Canon : "";
        return (After(1) is "or" or "and" && After(2) is "later" or "newer" or "after" or "earlier" or "before" or "older" or "so" or "more" or "up" or "above" or "onwards" or "beyond")
            || After(1) is "onwards" or "onward" or "on" or "ish" or "+" or "-";
    }

    internal static bool HasSubject(List<IntentToken> tokens, int i)
    {
        if (i == 0 || tokens[i - 1].Kind == TokenKind.Punct)
        {
            return tokens[i].Canon is not ("like" or "love" or "enjoy" or "hate" or "dislike") || i == 0;
        }

        for (var j = i - 1; j >= 0 && j >= i - 4; j--)
        {
            var w = tokens[j].Canon;
            if (Words.Pronouns.Contains(w))
            {
                return true;
            }

            if (!Words.LikeVerbBridge.Contains(w) && w is not ("have" or "'ve" or "already" or "once" or "recently" or "just" or "had"))
            {
                return PastSubject(tokens, i);
            }

            // "already watched Memento", "just finished The Road": the sentence starts with the verb's adverbs, the
            // speaker is the subject. Present tense there ("really love Heat") stays a request's wording.
            if (j == 0 || tokens[j - 1].Kind == TokenKind.Punct)
            {
                return tokens[i].Canon is not ("like" or "love" or "enjoy" or "hate" or "dislike");
            }
        }

        return false;
    }

    // "My daughter is 11 and finished all the Harry Potter books": a past-tense verb whose person comes earlier in the
    // same clause, joined by "and".
    internal static bool PastSubject(List<IntentToken> tokens, int i)
    {
        if (tokens[i].Canon is "like" or "love" or "enjoy" or "hate" or "dislike" or "adore" or "read")
        {
            return false;
        }

        var joined = false;
        for (var j = i - 1; j >= 0 && j >= i - 7 && tokens[j].Kind != TokenKind.Punct; j--)
        {
            joined |= tokens[j].Canon == "and";
            if (joined && Words.Pronouns.Contains(tokens[j].Canon))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the verb at <paramref name="verb"/> has a person as its subject ("I really feel", "we like"), across adverbs.</summary>
    internal static bool HasPersonalSubject(List<IntentToken> tokens, int verb)
    {
        for (var j = verb - 1; j >= 0 && j >= verb - 4; j--)
        {
            var w = tokens[j].Canon;
            if (Words.Pronouns.Contains(w))
            {
                return true;
            }

            if (!Words.LikeVerbBridge.Contains(w))
            {
                return false;
            }
        }

        return false;
    }

    internal static bool IsLikeVerb(List<IntentToken> tokens, int i)
    {
        if (i == 0)
        {
            return false;
        }

        if (Words.LikeNotCue.Contains(tokens[i - 1].Canon))
        {
            // "movies that feel like Amelie" compares; "I feel like a comedy" says what the person wants.
            return !(Words.SensoryVerbs.Contains(tokens[i - 1].Canon) && !HasPersonalSubject(tokens, i - 1));
        }

        return HasPersonalSubject(tokens, i);
    }
}
