namespace AgentRec.Core.Personalization;

/// <summary>What a user did with an item.</summary>
public enum InteractionSignal
{
    /// <summary>A rating from the source data set: the user watched the item.</summary>
    Rated,

    /// <summary>The user says they watched it.</summary>
    Watched,

    /// <summary>Explicit like: the item joins the history at once.</summary>
    Like,

    /// <summary>Explicit dislike: the item leaves the history and similar items are pushed down.</summary>
    Dislike,

    /// <summary>The user passed over a recommendation: a mild push-down of similar items.</summary>
    Skip,
}

/// <summary>One interaction of a user with an item, at a Unix-second timestamp supplied by the caller.</summary>
public readonly record struct UserInteraction(string ItemId, long Timestamp, InteractionSignal Signal);
