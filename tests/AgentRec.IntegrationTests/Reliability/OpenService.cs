namespace AgentRec.IntegrationTests.Reliability;

/// <summary>The service in its default anonymous mode with rate limits out of the way, for tests that send many requests.</summary>
public sealed class OpenService : IDisposable
{
    public const string Collection = "reliability-open";

    public AgentRecAppFactory App { get; } = AgentRecAppFactory.Start(0, null, b =>
    {
        b.UseSetting("Limits:HttpRequestsPerWindow", "1000000");
        b.UseSetting("Limits:HubCallsPerConnectionPerWindow", "1000000");
        b.UseSetting("Limits:HubCallsPerUserPerWindow", "1000000");
    });

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(OpenService.Collection)]
public sealed class OpenServiceCollection : ICollectionFixture<OpenService>;
