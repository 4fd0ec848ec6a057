namespace AgentRec.Core.Contracts;

/// <summary>The genre names the intent contract allows in <c>genres</c> and <c>excludeGenres</c>: MovieLens's, in catalog spelling.</summary>
public static class IntentGenres
{
    /// <summary>Every genre name, in contract order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir",
        "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];
}
