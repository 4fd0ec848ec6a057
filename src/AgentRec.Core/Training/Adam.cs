namespace AgentRec.Core.Training;

/// <summary>The Adam optimiser's update, shared by the trainers: moment estimates per weight, bias-corrected step size.</summary>
internal static class Adam
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    /// <summary>The step size at step <paramref name="steps"/> (1-based), corrected for the moments' zero start.</summary>
    public static float CorrectedRate(float learningRate, int steps) =>
        learningRate * MathF.Sqrt(1 - MathF.Pow(Beta2, steps)) / (1 - MathF.Pow(Beta1, steps));

    /// <summary>Updates the weights <paramref name="weights"/>[offset..] by <paramref name="gradient"/>, with their moments.</summary>
    public static void Update(float[] weights, float[] mean, float[] variance, int offset, ReadOnlySpan<float> gradient, float rate)
    {
        for (var c = 0; c < gradient.Length; c++)
        {
            var idx = offset + c;
            var g = gradient[c];
            mean[idx] = (Beta1 * mean[idx]) + ((1 - Beta1) * g);
            variance[idx] = (Beta2 * variance[idx]) + ((1 - Beta2) * g * g);
            weights[idx] -= rate * mean[idx] / (MathF.Sqrt(variance[idx]) + Epsilon);
        }
    }
}
