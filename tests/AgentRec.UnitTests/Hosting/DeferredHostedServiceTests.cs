using AgentRec.Core.Catalog;
using AgentRec.Core.Hosting;
using AgentRec.Core.Ranking;
using AgentRec.Core.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentRec.UnitTests.Hosting;

public sealed class DeferredHostedServiceTests
{
    [Fact]
    public async Task The_service_is_built_when_the_host_starts_it_after_the_services_before_it()
    {
        var log = new List<string>();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(log);
        builder.Services.AddHostedService<FirstService>();
        builder.Services.AddSingleton<RecordingService>();
        builder.Services.AddDeferredHostedService<RecordingService>();
        using var host = builder.Build();

        var hosted = host.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(["first built"], log);

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["first built", "first started", "recording built", "recording started", "recording stopped", "first stopped"], log);
        var deferred = Assert.IsType<DeferredHostedService<RecordingService>>(hosted[1]);
        Assert.Same(host.Services.GetRequiredService<RecordingService>(), deferred.Service);
    }

    [Fact]
    public async Task Stopping_a_service_that_never_started_does_nothing()
    {
        var services = new ServiceCollection().AddSingleton(new List<string>()).AddSingleton<RecordingService>().BuildServiceProvider();
        var deferred = new DeferredHostedService<RecordingService>(services);

        await deferred.StopAsync(CancellationToken.None);

        Assert.Null(deferred.Service);
        Assert.Empty(services.GetRequiredService<List<string>>());
    }

    [Theory]
    [InlineData("lexical", false)]
    [InlineData("hybrid", false)]
    [InlineData("lexical", true)]
    [InlineData("hybrid", true)]
    public void Building_the_core_hosted_services_does_not_load_the_catalog(string retriever, bool rerankerLearnsOnStart)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Retriever"] = retriever,
            [RankingHostingExtensions.TrainedPathKey] = rerankerLearnsOnStart ? Path.Combine(Path.GetTempPath(), "agentrec-no-weights-" + Guid.NewGuid().ToString("N")) : null,
            [RankingHostingExtensions.TrainWhenMissingKey] = rerankerLearnsOnStart ? "true" : "false",
        });
        builder.AddAgentRecCore();
        builder.Services.AddSingleton<LoadedCatalog>(_ => throw new InvalidOperationException("the catalog was loaded while the hosted services were built"));
        using var host = builder.Build();

        var hosted = host.Services.GetServices<IHostedService>().ToList();

        Assert.Contains(hosted, s => s is AgentRecInitializer);
        Assert.Contains(hosted, s => s is DeferredHostedService<PipelineWarmup>);
        Assert.Equal(rerankerLearnsOnStart, hosted.Any(s => s is DeferredHostedService<SelfTrainingReranker>));
    }

    private sealed class FirstService(List<string> log) : IHostedService
    {
        private readonly List<string> _log = Add(log, "first built");

        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(Add(_log, "first started"));

        public Task StopAsync(CancellationToken cancellationToken) => Task.FromResult(Add(_log, "first stopped"));
    }

    /// <summary>A hosted service that records when it is built, started and stopped.</summary>
    private sealed class RecordingService(List<string> log) : IHostedService
    {
        private readonly List<string> _log = Add(log, "recording built");

        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(Add(_log, "recording started"));

        public Task StopAsync(CancellationToken cancellationToken) => Task.FromResult(Add(_log, "recording stopped"));
    }

    private static List<string> Add(List<string> log, string entry)
    {
        log.Add(entry);
        return log;
    }
}
