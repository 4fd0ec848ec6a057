using AgentRec.Core.Hosting;
using AgentRec.Core.Ranking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Ranking;

public sealed class RankingOptionsTests
{
    [Fact]
    public void Unset_ranking_section_keeps_the_default_folder_and_learning_when_missing()
    {
        using var host = RankingHost.Build();

        var options = host.Services.GetRequiredService<IOptions<RankingOptions>>().Value;

        Assert.Null(options.TrainedPath);
        Assert.True(options.TrainWhenMissing);
    }

    [Fact]
    public void Ranking_section_binds_the_trained_path_and_learning_switch()
    {
        using var host = RankingHost.Build((RankingHostingExtensions.TrainedPathKey, "weights"), (RankingHostingExtensions.TrainWhenMissingKey, "false"));

        var options = host.Services.GetRequiredService<IOptions<RankingOptions>>().Value;

        Assert.Equal("weights", options.TrainedPath);
        Assert.False(options.TrainWhenMissing);
    }

    [Fact]
    public void A_blank_trained_path_fails_validation_naming_the_key()
    {
        using var host = RankingHost.Build((RankingHostingExtensions.TrainedPathKey, "   "), (RankingHostingExtensions.TrainWhenMissingKey, "false"));

        var e = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<RankingOptions>>().Value);

        Assert.Contains("Ranking:TrainedPath", e.Message, StringComparison.Ordinal);
    }
}
