namespace AgentRec.Core.Llm;

/// <summary>Stopwatch ticks of the decode loop's parts outside ONNX Runtime's Run, summed over a generation's steps.</summary>
/// <param name="Prepare">Filling the input buffers and wrapping them as tensors.</param>
/// <param name="Collect">Releasing inputs, copying (and converting) the last logits, swapping the key-value cache.</param>
/// <param name="Penalty">The repetition penalty.</param>
/// <param name="Mask">Choosing the token under the grammar (constrained generations: the allowed tokens and the choice among them).</param>
/// <param name="Sample">Choosing the token, greedy or sampled (unconstrained generations).</param>
/// <param name="Text">Grammar feed and incremental UTF-8 decoding of the chosen token.</param>
public readonly record struct DecodeLoopTicks(long Prepare, long Collect, long Penalty, long Mask, long Sample, long Text)
{
    /// <summary>Part-wise difference (this minus <paramref name="other"/>).</summary>
    public DecodeLoopTicks Minus(DecodeLoopTicks other) =>
        new(Prepare - other.Prepare, Collect - other.Collect, Penalty - other.Penalty, Mask - other.Mask, Sample - other.Sample, Text - other.Text);

    /// <summary>Sum of the parts.</summary>
    public long Total => Prepare + Collect + Penalty + Mask + Sample + Text;
}
