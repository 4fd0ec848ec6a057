using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>Bearer tokens: the <c>sub</c> claim is the user, and it may touch only its own data.</summary>
public sealed class JwtTests(JwtService service) : IClassFixture<JwtService>
{
    internal const string SigningKey = "a-test-signing-key-of-at-least-32-bytes!";

    private readonly AgentRecAppFactory _app = service.App;

    [Fact]
    public async Task A_token_holder_records_their_own_feedback_but_not_another_users()
    {
        using var client = _app.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("bob", SigningKey));

        using var own = await client.PostAsJsonAsync("/api/feedback", new { itemId = "1", signal = "like" });
        using var other = await client.PostAsJsonAsync("/api/feedback", new { userId = "alice", itemId = "1", signal = "like" });

        own.EnsureSuccessStatusCode();
        Assert.Equal("bob", (await own.Content.ReadFromJsonAsync<FeedbackAck>())!.UserId);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthorized()
    {
        using var client = _app.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("bob", "some-other-signing-key-of-32-bytes-or-more"));

        using var response = await client.PostAsJsonAsync("/api/feedback", new { itemId = "1", signal = "like" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Token(string user, string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "agentrec-tests",
        Audience = "agentrec",
        Subject = new ClaimsIdentity([new Claim("sub", user)]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}

/// <summary>The service in Jwt mode with a symmetric signing key.</summary>
public sealed class JwtService : IDisposable
{
    public AgentRecAppFactory App { get; } = AgentRecAppFactory.Start(0, null, b =>
    {
        b.UseSetting("Auth:Mode", "Jwt");
        b.UseSetting("Auth:Jwt:Issuer", "agentrec-tests");
        b.UseSetting("Auth:Jwt:Audience", "agentrec");
        b.UseSetting("Auth:Jwt:SigningKey", JwtTests.SigningKey);
    });

    public void Dispose() => App.Dispose();
}
