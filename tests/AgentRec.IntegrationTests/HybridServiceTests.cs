using AgentRec.Core.Embeddings;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;
using Microsoft.AspNetCore.Hosting;

namespace AgentRec.IntegrationTests;

/// <summary>
/// The service on its default retriever (hybrid: BM25 fused with the item vector index), with an encoder of the
/// project's own format written for the test, so the suite does not spend minutes training one.
/// </summary>
public sealed class HybridServiceTests : IDisposable
{
    private readonly string _models = Directory.CreateTempSubdirectory("agentrec-hybrid-it-").FullName;

    [Fact]
    public async Task The_hybrid_retriever_serves_answers_that_meet_every_hard_constraint_once_its_index_is_ready()
    {
        var encoder = Path.Combine(_models, "encoder");
        new TrainedEncoder(HashedNgramModel.CreateRandom(1 << 14, 32, 32, new Random(3)), new EncoderManifest { Seed = 3, Buckets = 1 << 14, Dims = 32, OutputDims = 32 })
            .Save(encoder);
        using var app = AgentRecAppFactory.Start(0, null, b =>
        {
            b.UseSetting("Pipeline:Retriever", "hybrid");
            b.UseSetting("Retrieval:EncoderDirectory", encoder);
            b.UseSetting("Retrieval:VectorCacheDirectory", Path.Combine(_models, "vectors"));
            b.UseSetting("Retrieval:TrainWhenMissing", "false");
        });
        Assert.IsType<HybridCandidateRetriever>(app.Services.GetRequiredService<ICandidateRetriever>());
        Assert.True(await app.Services.GetRequiredService<ItemVectorService>().WhenReady);
        using (var http = app.CreateHttpClient())
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        }

        await using var connection = await app.ConnectAsync();
        var events = new List<RecommendationEvent>();
        await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", new RecommendRequest { Message = "five dark sci-fi thrillers from the 80s about robots" }))
        {
            events.Add(e);
        }

        var intent = events[0].Intent!;
        var items = events.Where(e => e.Type == RecommendationEventTypes.Item).Select(e => e.Item!).ToList();
        Assert.Equal(5, items.Count);
        ContractAssert.MeetHardConstraints(intent, items);
        Assert.Equal(RecommendationEventTypes.Done, events[^1].Type);
    }

    [Fact]
    public async Task A_configured_pretrained_encoder_whose_files_are_missing_falls_back_to_the_own_encoder_and_the_service_serves()
    {
        var encoder = Path.Combine(_models, "encoder");
        new TrainedEncoder(HashedNgramModel.CreateRandom(1 << 14, 32, 32, new Random(3)), new EncoderManifest { Seed = 3, Buckets = 1 << 14, Dims = 32, OutputDims = 32 })
            .Save(encoder);
        // The repository's manifest in a folder where `models pull minilm` never ran.
        var manifest = Path.Combine(_models, "models.json");
        File.Copy(Path.Combine(AgentRec.Core.Catalog.DataPaths.FindRepositoryRoot()!, "models", "models.json"), manifest);
        using var app = AgentRecAppFactory.Start(0, null, b =>
        {
            b.UseSetting("Pipeline:Retriever", "hybrid");
            b.UseSetting("Retrieval:Encoder", "minilm");
            b.UseSetting("Retrieval:ModelManifest", manifest);
            b.UseSetting("Retrieval:EncoderDirectory", encoder);
            b.UseSetting("Retrieval:VectorCacheDirectory", Path.Combine(_models, "vectors"));
            b.UseSetting("Retrieval:TrainWhenMissing", "false");
        });
        var vectors = app.Services.GetRequiredService<ItemVectorService>();

        Assert.True(await vectors.WhenReady);
        Assert.IsType<AgentRec.Core.Embeddings.HashedNgramEncoder>(vectors.Current!.Encoder);
        await using var connection = await app.ConnectAsync();
        var items = new List<RecommendationEvent>();
        await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", new RecommendRequest { Message = "three space adventure movies" }))
        {
            items.Add(e);
        }

        Assert.Equal(3, items.Count(e => e.Type == RecommendationEventTypes.Item));
    }

    public void Dispose() => Directory.Delete(_models, recursive: true);
}
