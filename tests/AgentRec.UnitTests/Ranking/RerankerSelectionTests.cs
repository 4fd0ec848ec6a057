using AgentRec.Core.Contracts;
using AgentRec.Core.Hosting;
using AgentRec.Core.Ranking;
using AgentRec.Core.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentRec.UnitTests.Ranking;

public sealed class RerankerSelectionTests(CrossEncoderFixture fixture) : IClassFixture<CrossEncoderFixture>
{
    [Fact]
    public void A_configured_cross_encoder_serves_rerank_and_pair_scoring()
    {
        using var host = RankingHost.Build(("Ranking:CrossEncoder:Path", fixture.SingleLogitFolder), ("Ranking:CrossEncoder:IntraOpThreads", "1"));

        var reranker = host.Services.GetRequiredService<IReranker>();

        Assert.IsType<OnnxCrossEncoder>(reranker);
        Assert.Same(reranker, host.Services.GetRequiredService<IPairScorer>());
    }

    [Fact]
    public void Trained_weights_are_used_when_present_learned_when_missing_and_hand_set_when_learning_is_off()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, "trained")).FullName;
        var f = RerankerFeatures.Count;
        new RerankerWeights { Features = RerankerFeatures.Names, Mean = new float[f], Std = Enumerable.Repeat(1f, f).ToArray(), Weights = new float[f] }.Save(folder);
        using var trained = RankingHost.Build((RankingHostingExtensions.TrainedPathKey, folder));
        using var learned = RankingHost.Build((RankingHostingExtensions.TrainedPathKey, Path.Combine(fixture.Root, "absent")));
        using var handSet = RankingHost.Build((RankingHostingExtensions.TrainedPathKey, Path.Combine(fixture.Root, "absent")), (RankingHostingExtensions.TrainWhenMissingKey, "false"));

        Assert.IsType<TrainedReranker>(trained.Services.GetRequiredService<IReranker>());
        var selfTraining = Assert.IsType<SelfTrainingReranker>(learned.Services.GetRequiredService<IReranker>());
        Assert.Contains(learned.Services.GetServices<IHostedService>(), s => s is AgentRec.Core.Hosting.DeferredHostedService<SelfTrainingReranker>);
        Assert.IsType<LinearFeatureReranker>(selfTraining.Current);
        Assert.IsType<LinearFeatureReranker>(handSet.Services.GetRequiredService<IReranker>());
        Assert.IsType<LexicalPairScorer>(handSet.Services.GetRequiredService<IPairScorer>());
    }
}
