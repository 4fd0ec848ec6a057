namespace AgentRec.Core.Pipeline;

/// <summary>
/// Reduces an untrusted request message to the words a person would say before it reaches intent parsing: markup
/// goes (script and style elements with their content, every other tag, chat-template tokens, code fences), and so
/// does instruction-like text addressed to a model ("ignore previous instructions …", "system prompt", "you are now
/// …", 忽略之前的指令 …) from its cue to the end of its sentence. Numbers inside markup therefore never become counts
/// or years. Ordinary requests pass through unchanged.
/// </summary>
public static partial class MessageSanitizer
{
    /// <summary>The message with markup and instruction-like text removed, whitespace collapsed and trimmed.</summary>
    public static string Clean(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.IndexOfAny(['<', '`', '[', '{', ':', '：']) < 0 && !MayHoldInstruction(message))
        {
            return message.Trim();
        }

        var text = ScriptOrStyle().Replace(message, " ");
        text = Tag().Replace(text, " ");
        text = CodeFence().Replace(text, " ");
        text = TemplateToken().Replace(text, " ");
        text = RoleLine().Replace(text, " ");
        text = Instruction().Replace(text, " ");
        text = ChineseInstruction().Replace(text, " ");
        return string.Equals(text, message, StringComparison.Ordinal) ? message.Trim() : Whitespace().Replace(text, " ").Trim();
    }

    private static bool MayHoldInstruction(string message) =>
        message.Contains("instruction", StringComparison.OrdinalIgnoreCase)
        || message.Contains("prompt", StringComparison.OrdinalIgnoreCase)
        || message.Contains("you are now", StringComparison.OrdinalIgnoreCase)
        || message.Contains("developer mode", StringComparison.OrdinalIgnoreCase)
        || message.Contains("jailbreak", StringComparison.OrdinalIgnoreCase)
        || message.Contains("disregard", StringComparison.OrdinalIgnoreCase)
        || message.Contains("override", StringComparison.OrdinalIgnoreCase)
        || message.Contains("指令", StringComparison.Ordinal)
        || message.Contains("提示词", StringComparison.Ordinal)
        || message.Contains("系统提示", StringComparison.Ordinal)
        || message.Contains("你现在是", StringComparison.Ordinal)
        || message.Contains("忽略", StringComparison.Ordinal)
        || message.Contains("无视", StringComparison.Ordinal);

    // An element whose content is code, removed with that content; an unclosed one runs to the end of the message.
    [GeneratedRegex(@"<\s*(script|style|iframe|object|svg|template)\b[^>]*>.*?(<\s*/\s*\1\s*>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptOrStyle();

    // A tag, comment or declaration: '<' followed by a name, '/', '!' or '?', up to the next '>' ("<3" and "< 4" stay words).
    [GeneratedRegex(@"<\s*[/!?]?[A-Za-z][^<>]*>|<!--.*?-->|<\|[^<>|]*\|>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"```.*?(```|$)|`[^`\r\n]*`", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CodeFence();

    // Chat-template and prompt-format markers: [INST], [/INST], <<SYS>>, {{ … }}, {% … %}.
    [GeneratedRegex(@"\[/?(INST|SYS|SYSTEM)\]|<<\s*/?SYS\s*>>|\{\{.*?\}\}|\{%.*?%\}", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TemplateToken();

    // A line that speaks as a chat role ("system: …", "### Instruction: …"), to the end of that line.
    [GeneratedRegex(@"(^|[\r\n])\s*(#+\s*)?(system|assistant|developer|instruction|instructions)\s*[:：][^\r\n]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleLine();

    // An instruction to a model, from its cue to the end of its sentence, that sentence's full stop included.
    [GeneratedRegex(
        @"\b(ignore|disregard|forget|override|bypass)\b[^.!?\r\n。！？]{0,40}?\b(instructions?|prompts?|guidelines|(previous|prior|above|earlier|preceding|all|any|your|system)\s+(rules|context|constraints|directions|messages?))\b[^.!?\r\n。！？]*[.!?。！？]?"
        + @"|\b(print|reveal|show|output|repeat|leak|dump|return)\b[^.!?\r\n。！？]{0,30}?\b(system|hidden|secret|initial)\s+(prompt|instructions?|message)\b[^.!?\r\n。！？]*[.!?。！？]?"
        + @"|\bsystem\s+prompt\b[^.!?\r\n。！？]*[.!?。！？]?"
        + @"|\b(you\s+are\s+now|from\s+now\s+on\s+you|new\s+instructions?|developer\s+mode|jailbreak|dan\s+mode)\b[^.!?\r\n。！？]*[.!?。！？]?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Instruction();

    [GeneratedRegex(
        @"(忽略|无视|忘记|忘掉|不要理会)[^。！？\r\n]{0,12}?(指令|指示|提示词?|规则|设定|要求)[^。！？\r\n]*[。！？]?"
        + @"|(输出|打印|显示|泄露|告诉我)[^。！？\r\n]{0,8}?(系统提示词?|提示词|系统指令)[^。！？\r\n]*[。！？]?"
        + @"|(系统提示词?|你现在是|从现在起你是|开发者模式|越狱模式)[^。！？\r\n]*[。！？]?",
        RegexOptions.CultureInvariant)]
    private static partial Regex ChineseInstruction();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
