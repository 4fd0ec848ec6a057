namespace AgentRec.Core.Catalog;

/// <summary>A row the loader could not use, with where it is, so that a bad file is never dropped silently.</summary>
public sealed record CatalogLoadIssue(string File, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Message}";
}
