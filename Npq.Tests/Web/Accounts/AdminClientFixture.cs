using Npq.Data.Accounts;

namespace Npq.Tests.Web.Accounts;

/// <summary>
/// A site of its own (sign-in attempts not limited, so a fixture can sign in as often as its tests need) with the demo
/// provider admin signed in for every test, and the user repository the pages write through.
/// </summary>
public abstract class AdminClientFixture : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new NpqWebFactory(new Dictionary<string, string?> { ["RateLimiting:Account:PermitLimit"] = "1000" });

    /// <summary>Signed in as the demo provider's admin.</summary>
    protected HttpClient Admin { get; private set; } = null!;

    protected UserRepository Users => Service<UserRepository>();

    [OneTimeSetUp]
    public async Task SignInAdmin()
    {
        Admin = await Factory.SignedInClientAsync("admin@npq.example");
    }

    [OneTimeTearDown]
    public void SignOutAdmin()
    {
        Admin.Dispose();
    }
}
