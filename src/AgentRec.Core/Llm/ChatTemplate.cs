namespace AgentRec.Core.Llm;

/// <summary>How chat messages become prompt text; recognised from the Jinja <c>chat_template</c> in tokenizer_config.json.</summary>
public enum ChatTemplateKind
{
    /// <summary>No template: "System: …\nUser: …\nAssistant:" lines (GPT-2 style base models).</summary>
    Plain,

    /// <summary>ChatML (Qwen, many others): <c>&lt;|im_start|&gt;role\n…&lt;|im_end|&gt;\n</c>.</summary>
    ChatML,

    /// <summary>Phi-3: <c>&lt;|user|&gt;\n…&lt;|end|&gt;\n</c>, ending with <c>&lt;|assistant|&gt;\n</c>.</summary>
    Phi3,

    /// <summary>Llama 2: <c>&lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;\n…\n&lt;&lt;/SYS&gt;&gt;\n\n… [/INST]</c>.</summary>
    Llama2,
}

/// <summary>
/// The settings of <c>tokenizer_config.json</c> the engine uses: bos/eos, whether a bos starts every prompt, and a
/// rendering of the chat template. Rather than run Jinja, the template is recognised by its markers and rendered by
/// one of the <see cref="ChatTemplateKind"/> formats, which covers the test models and Phi-3/Qwen/Llama-2 folders.
/// </summary>
public sealed record ChatTemplate
{
    /// <summary>The file name inside a model folder.</summary>
    public const string FileName = "tokenizer_config.json";

    public ChatTemplateKind Kind { get; init; } = ChatTemplateKind.Plain;
    public string? BosToken { get; init; }
    public string? EosToken { get; init; }
    public bool AddBosToken { get; init; }

    /// <summary>Reads tokenizer_config.json from <paramref name="folder"/>; absent means the plain format. A corrupt file is an error naming it.</summary>
    public static ChatTemplate Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return new ChatTemplate();
        }

        return ModelFolderJson.Parse(path, root =>
        {
            var template = root.TryGetProperty("chat_template", out var t) ? TemplateText(t) : "";
            return new ChatTemplate
            {
                Kind = Recognise(template),
                BosToken = TokenText(root, "bos_token"),
                EosToken = TokenText(root, "eos_token"),
                AddBosToken = root.TryGetProperty("add_bos_token", out var add) && add.ValueKind == JsonValueKind.True,
            };
        });
    }

    /// <summary>The template kind whose markers appear in a Jinja template text.</summary>
    public static ChatTemplateKind Recognise(string template) => template switch
    {
        _ when template.Contains("<|im_start|>", StringComparison.Ordinal) => ChatTemplateKind.ChatML,
        _ when template.Contains("<|user|>", StringComparison.Ordinal) => ChatTemplateKind.Phi3,
        _ when template.Contains("[INST]", StringComparison.Ordinal) => ChatTemplateKind.Llama2,
        _ => ChatTemplateKind.Plain,
    };

    /// <summary>Renders <paramref name="messages"/> (role, text) as a prompt that ends where the assistant's answer starts.</summary>
    public string Render(IEnumerable<(string Role, string Content)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sb = new StringBuilder();
        string? pendingSystem = null;
        foreach (var (role, content) in messages)
        {
            switch (Kind)
            {
                case ChatTemplateKind.ChatML:
                    sb.Append("<|im_start|>").Append(role).Append('\n').Append(content).Append("<|im_end|>\n");
                    break;
                case ChatTemplateKind.Phi3:
                    sb.Append("<|").Append(role).Append("|>\n").Append(content).Append("<|end|>\n");
                    break;
                case ChatTemplateKind.Llama2:
                    if (role == "system")
                    {
                        pendingSystem = pendingSystem is null ? content : pendingSystem + "\n" + content;
                    }
                    else if (role == "assistant")
                    {
                        sb.Append(' ').Append(content.Trim()).Append(' ').Append(EosToken);
                    }
                    else
                    {
                        sb.Append(BosToken).Append("[INST] ");
                        if (pendingSystem is not null)
                        {
                            sb.Append("<<SYS>>\n").Append(pendingSystem.Trim()).Append("\n<</SYS>>\n\n");
                            pendingSystem = null;
                        }

                        sb.Append(content.Trim()).Append(" [/INST]");
                    }

                    break;
                default:
                    sb.Append(char.ToUpperInvariant(role[0])).Append(role.AsSpan(1)).Append(": ").Append(content).Append('\n');
                    break;
            }
        }

        sb.Append(Kind switch
        {
            ChatTemplateKind.ChatML => "<|im_start|>assistant\n",
            ChatTemplateKind.Phi3 => "<|assistant|>\n",
            ChatTemplateKind.Llama2 => "",
            _ => "Assistant:",
        });
        return sb.ToString();
    }

    private static string TemplateText(JsonElement t) => t.ValueKind switch
    {
        JsonValueKind.String => t.GetString() ?? "",
        JsonValueKind.Array => string.Concat(t.EnumerateArray().Select(e => e.TryGetProperty("template", out var x) ? x.GetString() : "")),
        _ => "",
    };

    private static string? TokenText(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Object when v.TryGetProperty("content", out var c) => c.GetString(),
            _ => null,
        };
    }
}
