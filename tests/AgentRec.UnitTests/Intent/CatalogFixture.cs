using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Intent;

/// <summary>The real catalog as the service loads it (MovieLens and goodbooks), loaded once for every intent test that resolves titles.</summary>
public sealed class CatalogFixture
{
    public CatalogFixture()
    {
        Catalog = new CatalogLoader(Options.Create(new CatalogOptions())).Load().Catalog;
        Titles = new TitleResolver(Catalog);
        Parser = new RuleIntentParser(Titles);
    }

    public ItemCatalog Catalog { get; }

    public TitleResolver Titles { get; }

    public RuleIntentParser Parser { get; }
}

[CollectionDefinition(Name)]
public sealed class CatalogCollection : ICollectionFixture<CatalogFixture>
{
    public const string Name = "MovieLens catalog";
}
