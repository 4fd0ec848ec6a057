using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>One generation of either engine, a piece of text per <see cref="Next"/>, then the held-back rest from <see cref="Finish"/>.</summary>
internal interface ITextGeneration : IDisposable
{
    /// <summary>The prompt's length in tokens.</summary>
    int PromptTokens { get; }

    /// <summary>New tokens so far (the end-of-sequence token not counted).</summary>
    int OutputTokens { get; }

    /// <summary>Why the generation ended; null while it runs.</summary>
    GenerationStopReason? StopReason { get; }

    /// <summary>Generates one token and returns the text now safe to emit (possibly empty), or null when generation has ended.</summary>
    string? Next();

    /// <summary>The text still held back when generation ends.</summary>
    string Finish();
}

/// <summary>Reading a generation to its end.</summary>
internal static class TextGenerationExtensions
{
    /// <summary>The non-empty pieces of text of <paramref name="generation"/>, its held-back rest last.</summary>
    public static IEnumerable<string> Pieces(this ITextGeneration generation)
    {
        while (generation.Next() is { } text)
        {
            if (text.Length > 0)
            {
                yield return text;
            }
        }

        var tail = generation.Finish();
        if (tail.Length > 0)
        {
            yield return tail;
        }
    }

    /// <summary>The updates of <paramref name="answer"/> as <paramref name="generation"/> writes it: its text, then its usage and why it ended.</summary>
    public static IEnumerable<ChatResponseUpdate> Updates(this ITextGeneration generation, StreamedAnswer answer)
    {
        foreach (var text in generation.Pieces())
        {
            yield return answer.Text(text);
        }

        var finish = generation.StopReason == GenerationStopReason.MaxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop;
        yield return answer.Last(null, generation.PromptTokens, generation.OutputTokens, finish);
    }
}
