namespace AgentRec.Core.Contracts;

/// <summary>How every settings class of the service is registered: bound to its section and checked at start-up.</summary>
public static class OptionsHostingExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to the configuration section <paramref name="sectionName"/> and validates its
    /// data annotations when the host starts, so a bad value stops start-up naming the key; further checks chain on the result.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string sectionName)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddOptions<TOptions>()
            .Bind(builder.Configuration.GetSection(sectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
