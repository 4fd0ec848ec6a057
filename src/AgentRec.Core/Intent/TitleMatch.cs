namespace AgentRec.Core.Intent;

/// <summary>How a title matched: exactly on a folded name, or within a few edits.</summary>
/// <param name="Item">The catalog item.</param>
/// <param name="Distance">Edits between the user's words and the matched name; 0 when exact.</param>
public sealed record TitleMatch(CatalogItem Item, int Distance);
