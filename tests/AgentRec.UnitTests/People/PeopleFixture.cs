using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;
using AgentRec.Core.People;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.People;

/// <summary>The real catalog with the people index the service builds (movie facts from shared/data/extras when present).</summary>
public sealed class PeopleFixture
{
    public PeopleFixture()
    {
        var options = new CatalogOptions();
        var loaded = new CatalogLoader(Options.Create(options)).Load();
        Catalog = loaded.Catalog;
        Index = PeopleHosting.CreateIndex(loaded, options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Parser = new RuleIntentParser(new TitleResolver(Catalog), Index.Finder);
    }

    public ItemCatalog Catalog { get; }

    public PeopleIndex Index { get; }

    public RuleIntentParser Parser { get; }
}

[CollectionDefinition(Name)]
public sealed class PeopleCollection : ICollectionFixture<PeopleFixture>
{
    public const string Name = "People over the real catalog";
}
