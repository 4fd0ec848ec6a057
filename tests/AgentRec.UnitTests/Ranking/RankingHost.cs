using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Hosting;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentRec.UnitTests.Ranking;

/// <summary>A host with the ranking stage registered (<see cref="RankingHostingExtensions.AddReranking"/>) over a one-item catalog.</summary>
internal static class RankingHost
{
    public static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        var catalog = new ItemCatalog([new CatalogItem("1", "Heat (1995)", "Heat", 1995, ["Crime"], [], "Heat (1995). Genres: Crime.", 10, 4, ItemDomain.Movie)]);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(new LoadedCatalog(catalog, [], [], []));
        builder.Services.AddSingleton<ItemPriors>();
        builder.Services.AddSingleton<Bm25Index>();
        builder.AddReranking();
        return builder.Build();
    }
}
