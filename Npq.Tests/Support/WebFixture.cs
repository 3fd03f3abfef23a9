using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;

namespace Npq.Tests.Support;

/// <summary>
/// The one shape of an integration test fixture: the real application (<see cref="NpqWebFactory"/>: a fresh SQLite
/// file, migrated and seeded with the demo data) started once for the fixture and stopped after it. By default it
/// has test sign-in (<see cref="TestAuthentication.ClientFor"/>); a fixture that needs other settings overrides
/// <see cref="CreateFactory"/>. Fixtures of one capability that share helpers derive from this in their own folder.
/// </summary>
public abstract class WebFixture
{
    protected NpqWebFactory Factory { get; private set; } = null!;

    /// <summary>The application this fixture runs.</summary>
    protected virtual NpqWebFactory CreateFactory() => new(configureServices: services => services.AddTestAuthentication());

    // The fixture's own scope, for the services a test takes straight from the app: a scoped one (a use case) comes
    // from it, as it would from a request's, since the host refuses scoped services taken from the root.
    private IServiceScope? _services;

    [OneTimeSetUp]
    public void StartApp()
    {
        Factory = CreateFactory();
        Factory.Start(); // starts the host: migrations and the demo data are in place before the first test
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _services?.Dispose();
        Factory.Dispose();
    }

    protected T Service<T>() where T : notnull => (_services ??= Factory.Services.CreateScope()).ServiceProvider.GetRequiredService<T>();

    /// <summary>The id of the person with this email address (who must exist).</summary>
    protected async Task<int> UserIdAsync(string email) =>
        (await Service<IUserRepository>().FindByNormalizedEmailAsync(email.ToUpperInvariant()))?.Id
        ?? throw new InvalidOperationException("No one has the email address " + email);
}
