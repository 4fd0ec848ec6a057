namespace AgentRec.Core.Personalization;

/// <summary>How the age of an interaction is measured when weighting a history.</summary>
public enum RecencyMode
{
    /// <summary>Every interaction weighs the same.</summary>
    None,

    /// <summary>Age is the number of interactions since it (the latest has age 0).</summary>
    Position,

    /// <summary>Age is the seconds between it and the latest interaction of the history.</summary>
    Time,
}

/// <summary>
/// Weights a history so that later interactions count more: w = floor + exp(−age/τ), age in positions or seconds
/// measured from the history's own latest interaction (never the wall clock).
/// </summary>
public sealed record RecencyWeighting(RecencyMode Mode, double Tau, float Floor = 0f)
{
    /// <summary>No decay: the order-blind weighting.</summary>
    public static RecencyWeighting Uniform { get; } = new(RecencyMode.None, 1, 0f);

    /// <summary>Fills one weight per interaction of <paramref name="history"/>.</summary>
    public void Fill(UserHistory history, Span<float> weights)
    {
        if (weights.Length < history.Count)
        {
            throw new ArgumentException("The weight buffer is shorter than the history.", nameof(weights));
        }

        var count = history.Count;
        if (Mode == RecencyMode.None || Tau <= 0 || count == 0)
        {
            weights[..count].Fill(1f);
            return;
        }

        if (Mode == RecencyMode.Position)
        {
            for (var t = 0; t < count; t++)
            {
                weights[t] = Floor + (float)Math.Exp(-(count - 1 - t) / Tau);
            }

            return;
        }

        var timestamps = history.Timestamps.Span;
        var latest = timestamps[count - 1];
        for (var t = 0; t < count; t++)
        {
            var age = Math.Max(0, latest - timestamps[t]);
            weights[t] = Floor + (float)Math.Exp(-age / Tau);
        }
    }
}
