using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.Core.Retrieval.Stores;

/// <summary>Which store holds the item vectors of the hybrid retriever. Section <c>VectorStore</c>.</summary>
public sealed class VectorStoreOptions : IValidatableObject
{
    public const string SectionName = "VectorStore";

    /// <summary>The in-process collection (default).</summary>
    public const string InProcess = "inprocess";

    /// <summary>A Qdrant server (the AgentRec.Connectors.Qdrant connector, section <c>VectorStore:Qdrant</c>).</summary>
    public const string QdrantProvider = "qdrant";

    /// <summary><c>inprocess</c> or <c>qdrant</c>.</summary>
    [RegularExpression("^(?i)(inprocess|qdrant)$", ErrorMessage = "VectorStore:Provider must be 'inprocess' or 'qdrant'.")]
    public string Provider { get; set; } = InProcess;

    /// <summary>When the in-process collection searches through an HNSW graph, and the graph's shape. Section <c>VectorStore:Ann</c>.</summary>
    public AnnIndexOptions Ann { get; set; } = new();

    /// <summary>True when Qdrant is selected.</summary>
    public bool UsesQdrant => string.Equals(Provider, QdrantProvider, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<ValidationResult>();
        try
        {
            Ann.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            errors.Add(new ValidationResult($"{SectionName}:Ann:{e.ParamName} is out of range (got {e.ActualValue}): {e.Message.Split(Environment.NewLine)[0]}", [nameof(Ann)]));
        }

        return errors;
    }
}
