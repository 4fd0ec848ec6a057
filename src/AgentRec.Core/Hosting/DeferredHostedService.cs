namespace AgentRec.Core.Hosting;

/// <summary>
/// Registers a hosted service that is resolved when the host starts it rather than when the host is built. The host
/// constructs every hosted service before starting the first, so a service whose constructor needs the catalog would
/// otherwise load it before an earlier transport (an MCP stdio server answering its client's handshake) had started.
/// </summary>
/// <typeparam name="TService">The singleton service that does the work.</typeparam>
internal sealed class DeferredHostedService<TService>(IServiceProvider services) : IHostedService
    where TService : class, IHostedService
{
    /// <summary>The service once started; null before.</summary>
    public TService? Service { get; private set; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Service = services.GetRequiredService<TService>();
        return Service.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Service?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}

/// <summary>Registration of <see cref="DeferredHostedService{TService}"/>.</summary>
internal static class DeferredHostedServiceExtensions
{
    /// <summary>Adds <typeparamref name="TService"/> (already registered as a singleton) as a hosted service resolved at start.</summary>
    public static IServiceCollection AddDeferredHostedService<TService>(this IServiceCollection services)
        where TService : class, IHostedService
        => services.AddHostedService(sp => new DeferredHostedService<TService>(sp));
}
