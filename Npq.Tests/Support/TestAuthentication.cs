using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Data.Accounts;

namespace Npq.Tests.Support;

/// <summary>
/// Test-only sign-in: a request carrying <c>X-Test-User: email</c> is that user, with the roles the database
/// gives them. Lives in the test project only; the application never sees this scheme outside tests.
/// </summary>
public sealed class TestAuthHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserRepository users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-User";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var email) || string.IsNullOrEmpty(email))
        {
            return AuthenticateResult.NoResult();
        }

        var user = await users.FindByNormalizedEmailAsync(email.ToString().ToUpperInvariant());
        if (user is null || !user.IsActive)
        {
            return AuthenticateResult.Fail("unknown test user");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
        };
        claims.AddRange((await users.GetRolesAsync(user.Id)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

public static class TestAuthentication
{
    /// <summary>Adds the test scheme and makes it the default, so <see cref="ClientFor"/> clients are signed in.</summary>
    public static void AddTestAuthentication(this IServiceCollection services) =>
        services.AddAuthentication(options =>
            {
                options.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                options.DefaultChallengeScheme = TestAuthHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { });

    /// <summary>A client that acts as the user with this email (no redirects followed).</summary>
    public static HttpClient ClientFor(this NpqWebFactory factory, string email)
    {
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, email);
        return client;
    }
}
