using Microsoft.AspNetCore.Hosting;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>Unsafe or invalid security and limit settings stop the service at start-up with a message naming the key.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void Anonymous_mode_is_refused_in_Production()
    {
        var error = Assert.ThrowsAny<Exception>(() => AgentRecAppFactory.Start(0, null, b => b.UseEnvironment("Production")).Dispose());

        Assert.Contains("Auth:Mode", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKey_mode_without_keys_is_refused()
    {
        var error = Assert.ThrowsAny<Exception>(() => AgentRecAppFactory.Start(0, null, b => b.UseSetting("Auth:Mode", "ApiKey")).Dispose());

        Assert.Contains("Auth:ApiKeys", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_rate_limit_window_is_refused()
    {
        var error = Assert.ThrowsAny<Exception>(() => AgentRecAppFactory.Start(0, null, b => b.UseSetting("Limits:WindowSeconds", "0")).Dispose());

        Assert.Contains("Limits:WindowSeconds", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error)
    {
        var text = new System.Text.StringBuilder();
        for (var e = error; e is not null; e = e.InnerException)
        {
            text.AppendLine(e.Message);
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    text.AppendLine(Flatten(inner));
                }
            }
        }

        return text.ToString();
    }
}
