using System.Collections.Concurrent;

namespace AgentRec.Core.Llm;

/// <summary>
/// A BPE tokenizer read from a Hugging Face <c>tokenizer.json</c>: GPT-2 byte-level BPE, or SentencePiece-style BPE
/// (▁ for spaces, byte fallback). Added tokens are split out before BPE. When the model's logits are narrower than the
/// tokenizer's vocabulary (tiny test models), ids at or above the model's vocabulary and the merges that produce them
/// are dropped, so every id the tokenizer emits is one the model can embed. Thread-safe.
/// </summary>
public sealed partial class GenAITokenizer
{
    /// <summary>The file name inside a model folder.</summary>
    public const string FileName = "tokenizer.json";

    private const char SpaceMark = '\u2581';
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<(string Left, string Right), int> _merges;
    private readonly byte[][] _tokenBytes;
    private readonly bool[] _special;
    private readonly (string Content, int Id)[] _addedTokens;
    private readonly bool _byteLevel;
    private readonly bool _prependSpace;
    private readonly bool _stripLeadingSpace;
    private readonly bool _byteFallback;
    private readonly int _unkId;
    private readonly int[] _byteTokenIds = new int[256];
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private string?[]? _tokenTexts;

    private GenAITokenizer(Dictionary<string, int> vocab, Dictionary<(string, string), int> merges, (string, int, bool)[] added,
        bool byteLevel, bool prependSpace, bool stripLeadingSpace, bool byteFallback, string? unk, int vocabSize)
    {
        _vocab = vocab;
        _merges = merges;
        _byteLevel = byteLevel;
        _prependSpace = prependSpace;
        _stripLeadingSpace = stripLeadingSpace;
        _byteFallback = byteFallback;
        VocabSize = vocabSize;
        _tokenBytes = new byte[vocabSize][];
        _special = new bool[vocabSize];
        Array.Fill(_byteTokenIds, -1);
        foreach (var (token, id) in vocab)
        {
            _tokenBytes[id] = TokenToBytes(token);
            if (!byteLevel && token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
                && byte.TryParse(token.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                _byteTokenIds[b] = id;
            }
        }

        foreach (var (content, id, special) in added)
        {
            _tokenBytes[id] = Encoding.UTF8.GetBytes(content);
            _special[id] = special;
        }

        for (var id = 0; id < vocabSize; id++)
        {
            _tokenBytes[id] ??= [];
        }

        _addedTokens = [.. added.OrderByDescending(a => a.Item1.Length).Select(a => (a.Item1, a.Item2))];
        _unkId = unk is not null && vocab.TryGetValue(unk, out var u) ? u : -1;
    }

    /// <summary>The number of ids (after any truncation to the model's vocabulary).</summary>
    public int VocabSize { get; }

    /// <summary>The id of <paramref name="token"/> (an added/special token or a vocabulary entry), or null.</summary>
    public int? TokenToId(string token)
    {
        foreach (var (content, id) in _addedTokens)
        {
            if (content == token)
            {
                return id;
            }
        }

        return _vocab.TryGetValue(token, out var v) ? v : null;
    }

    /// <summary>Whether <paramref name="id"/> is a special token (bos, eos, chat markers).</summary>
    public bool IsSpecial(int id) => (uint)id < (uint)_special.Length && _special[id];

    /// <summary>Loads <c>tokenizer.json</c> from <paramref name="folder"/>; ids at or above <paramref name="modelVocabSize"/> (when positive) are dropped.</summary>
    public static GenAITokenizer Load(string folder, int modelVocabSize = 0)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = ModelFolderJson.Require(folder, FileName);
        return ModelFolderJson.Parse(path, root => Parse(root, path, modelVocabSize));
    }

    private static GenAITokenizer Parse(JsonElement root, string path, int modelVocabSize)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object
            || !model.TryGetProperty("vocab", out var vocabElement) || vocabElement.ValueKind != JsonValueKind.Object)
        {
            throw new LlmModelException(path, $"'{path}' has no \"model.vocab\" object.");
        }

        if (model.TryGetProperty("type", out var type) && type.GetString() is { } t && t != "BPE")
        {
            throw new LlmModelException(path, $"'{path}' uses a {t} model; only BPE tokenizers are supported.");
        }

        var limit = modelVocabSize > 0 ? modelVocabSize : int.MaxValue;
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var maxId = -1;
        foreach (var entry in vocabElement.EnumerateObject())
        {
            var id = entry.Value.GetInt32();
            if (id < limit)
            {
                vocab[entry.Name] = id;
                maxId = Math.Max(maxId, id);
            }
        }

        var added = new List<(string, int, bool)>();
        if (root.TryGetProperty("added_tokens", out var addedElement) && addedElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in addedElement.EnumerateArray())
            {
                var id = a.GetProperty("id").GetInt32();
                var content = a.GetProperty("content").GetString() ?? "";
                if (id < limit && content.Length > 0)
                {
                    added.Add((content, id, a.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True));
                    maxId = Math.Max(maxId, id);
                }
            }
        }

        var merges = new Dictionary<(string, string), int>();
        if (model.TryGetProperty("merges", out var mergesElement) && mergesElement.ValueKind == JsonValueKind.Array)
        {
            var rank = 0;
            foreach (var m in mergesElement.EnumerateArray())
            {
                string left, right;
                if (m.ValueKind == JsonValueKind.Array)
                {
                    left = m[0].GetString() ?? "";
                    right = m[1].GetString() ?? "";
                }
                else
                {
                    var text = m.GetString() ?? "";
                    var space = text.IndexOf(' ', 1);
                    if (space < 0)
                    {
                        continue;
                    }

                    left = text[..space];
                    right = text[(space + 1)..];
                }

                // A merge whose product the model cannot embed would emit an id beyond its vocabulary.
                if (vocab.ContainsKey(left + right))
                {
                    merges.TryAdd((left, right), rank);
                }

                rank++;
            }
        }

        var pre = Json(root, "pre_tokenizer");
        var normalizer = Json(root, "normalizer");
        var decoder = Json(root, "decoder");
        var byteLevel = pre.Contains("\"ByteLevel\"", StringComparison.Ordinal) || decoder.Contains("\"ByteLevel\"", StringComparison.Ordinal);
        var prepend = !byteLevel && (normalizer.Contains("\"Prepend\"", StringComparison.Ordinal)
            || (pre.Contains("\"Metaspace\"", StringComparison.Ordinal) && !pre.Contains("\"never\"", StringComparison.Ordinal)));
        var strip = !byteLevel && (decoder.Contains("\"Strip\"", StringComparison.Ordinal) || decoder.Contains("\"Metaspace\"", StringComparison.Ordinal));
        var byteFallback = model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True;
        var unk = model.TryGetProperty("unk_token", out var unkElement) && unkElement.ValueKind == JsonValueKind.String ? unkElement.GetString() : null;
        return new GenAITokenizer(vocab, merges, [.. added], byteLevel, prepend, strip, byteFallback, unk, maxId + 1);
    }

    private static string Json(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? e.GetRawText() : "";

    /// <summary>Token ids for <paramref name="text"/>; added tokens written in the text ("&lt;|user|&gt;") become their ids.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        var start = 0;
        for (var i = 0; i < text.Length;)
        {
            var matched = MatchAdded(text, i);
            if (matched is { } m)
            {
                EncodeSegment(text[start..i], ids);
                ids.Add(m.Id);
                i += m.Content.Length;
                start = i;
            }
            else
            {
                i++;
            }
        }

        EncodeSegment(text[start..], ids);
        return [.. ids];
    }

    private (string Content, int Id)? MatchAdded(string text, int at)
    {
        foreach (var added in _addedTokens)
        {
            if (string.CompareOrdinal(text, at, added.Content, 0, added.Content.Length) == 0)
            {
                return added;
            }
        }

        return null;
    }

    private void EncodeSegment(string segment, List<int> ids)
    {
        if (segment.Length == 0)
        {
            return;
        }

        if (_byteLevel)
        {
            foreach (Match word in ByteLevelSplit().Matches(segment))
            {
                var mapped = ByteLevelMap.ToUnicode(Encoding.UTF8.GetBytes(word.Value));
                ids.AddRange(_cache.Count < 100_000 ? _cache.GetOrAdd(mapped, Bpe) : Bpe(mapped));
            }

            return;
        }

        var normalized = (_prependSpace ? SpaceMark + segment : segment).Replace(' ', SpaceMark);
        ids.AddRange(Bpe(normalized));
    }

    private int[] Bpe(string word)
    {
        var symbols = new List<string>(word.Length);
        for (var i = 0; i < word.Length; i += char.IsSurrogatePair(word, i) ? 2 : 1)
        {
            symbols.Add(word.Substring(i, char.IsSurrogatePair(word, i) ? 2 : 1));
        }

        while (symbols.Count > 1)
        {
            var bestRank = int.MaxValue;
            (string, string) best = default;
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (_merges.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
                {
                    bestRank = rank;
                    best = (symbols[i], symbols[i + 1]);
                }
            }

            if (bestRank == int.MaxValue)
            {
                break;
            }

            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                if (symbols[i] == best.Item1 && symbols[i + 1] == best.Item2)
                {
                    symbols[i] = best.Item1 + best.Item2;
                    symbols.RemoveAt(i + 1);
                }
            }
        }

        var result = new List<int>(symbols.Count);
        foreach (var symbol in symbols)
        {
            if (_vocab.TryGetValue(symbol, out var id))
            {
                result.Add(id);
            }
            else if (_byteFallback)
            {
                foreach (var b in Encoding.UTF8.GetBytes(symbol))
                {
                    var byteId = _byteTokenIds[b];
                    if (byteId >= 0)
                    {
                        result.Add(byteId);
                    }
                    else if (_unkId >= 0)
                    {
                        result.Add(_unkId);
                    }
                }
            }
            else if (_unkId >= 0)
            {
                result.Add(_unkId);
            }
        }

        return [.. result];
    }

    /// <summary>The UTF-8 bytes token <paramref name="id"/> stands for (▁ as a space; byte tokens as their byte).</summary>
    public ReadOnlySpan<byte> TokenBytes(int id) => (uint)id < (uint)_tokenBytes.Length ? _tokenBytes[id] : [];

    /// <summary>The text of <paramref name="ids"/>; special tokens are left out when <paramref name="skipSpecial"/>.</summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecial = true)
    {
        var bytes = new List<byte>(ids.Length * 4);
        foreach (var id in ids)
        {
            if (!(skipSpecial && IsSpecial(id)))
            {
                bytes.AddRange(TokenBytes(id));
            }
        }

        var text = Encoding.UTF8.GetString([.. bytes]);
        return _stripLeadingSpace && text.StartsWith(' ') ? text[1..] : text;
    }

    /// <summary>
    /// Every token's text, or null for special tokens, empty tokens and tokens that are not whole UTF-8 characters on
    /// their own; computed once. Constrained decoding matches these against its grammar.
    /// </summary>
    public IReadOnlyList<string?> TokenTexts()
    {
        if (_tokenTexts is { } cached)
        {
            return cached;
        }

        var texts = new string?[VocabSize];
        for (var id = 0; id < texts.Length; id++)
        {
            if (_special[id] || _tokenBytes[id].Length == 0)
            {
                continue;
            }

            try
            {
                texts[id] = StrictUtf8.GetString(_tokenBytes[id]);
            }
            catch (DecoderFallbackException)
            {
                texts[id] = null;
            }
        }

        _tokenTexts = texts;
        return texts;
    }

    private byte[] TokenToBytes(string token)
    {
        if (_byteLevel)
        {
            return ByteLevelMap.ToBytes(token) ?? Encoding.UTF8.GetBytes(token);
        }

        if (token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
        {
            return [b];
        }

        return Encoding.UTF8.GetBytes(token.Replace(SpaceMark, ' '));
    }

    // GPT-2's pre-tokenizer: contractions, letters, digits, other symbols, each with one optional leading space.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ByteLevelSplit();
}
