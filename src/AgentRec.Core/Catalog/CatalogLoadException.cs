namespace AgentRec.Core.Catalog;

/// <summary>A catalog that cannot be loaded at all: a missing required file or an unusable header.</summary>
public sealed class CatalogLoadException : Exception
{
    public CatalogLoadException()
    {
    }

    public CatalogLoadException(string message)
        : base(message)
    {
    }

    public CatalogLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
