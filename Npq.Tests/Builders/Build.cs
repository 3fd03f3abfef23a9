using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;

namespace Npq.Tests.Builders;

/// <summary>
/// Test data written the way the application writes it: each builder resolves a Core use case from the app's
/// services and calls it, as the demo provider's admin (or the person the data says), so what a test builds obeys the
/// rules real data obeys. Use cases act at "now"; something dated in the past runs its use case with a
/// <see cref="FakeTimeProvider"/> at that instant. Where no use case makes a thing (a school, a delivery partner, an
/// evidence item naming a statement the framework has since dropped), the builder calls the Core interface; never SQL.
/// </summary>
public sealed class Build
{
    /// <summary>The demo provider's admin, who acts for the provider in every builder.</summary>
    public const string AdminEmail = "admin@npq.example";

    /// <summary>The framework the builders' courses follow unless told otherwise.</summary>
    public const string FrameworkCode = "npqsl";

    private readonly IServiceProvider _services;
    private AppUser? _admin;

    public Build(IServiceProvider services)
    {
        _services = services;
        Framework = services.GetRequiredService<IFrameworkCatalog>().Find(FrameworkCode)
            ?? throw new InvalidOperationException($"The {FrameworkCode} framework is not in the content folder.");
        People = new PeopleBuilder(this);
        Cohorts = new CohortBuilder(this);
        Portfolio = new PortfolioBuilder(this);
        Webinars = new WebinarBuilder(this);
        Scripts = new ScriptBuilder(this);
    }

    /// <summary>People, schools and delivery partners.</summary>
    public PeopleBuilder People { get; }

    /// <summary>Courses, cohorts, and candidates applying and enrolling.</summary>
    public CohortBuilder Cohorts { get; }

    /// <summary>Evidence, tasks, submissions, extensions, feedback and progress updates.</summary>
    public PortfolioBuilder Portfolio { get; }

    /// <summary>Sessions, attendance segments and register marks.</summary>
    public WebinarBuilder Webinars { get; }

    /// <summary>Final assessment scripts: opened, allocated, marked, moderated and released.</summary>
    public ScriptBuilder Scripts { get; }

    /// <summary>The <see cref="FrameworkCode"/> framework.</summary>
    public Framework Framework { get; }

    /// <summary>Every statement id of the <see cref="FrameworkCode"/> framework, in its order.</summary>
    public IReadOnlyList<string> StatementIds => Framework.AllStatements.Select(s => s.Id).ToList();

    /// <summary>The demo provider's admin.</summary>
    public async Task<AppUser> AdminAsync() =>
        _admin ??= await Service<IUserRepository>().FindByNormalizedEmailAsync(AdminEmail.ToUpperInvariant())
            ?? throw new InvalidOperationException("The demo admin is missing: builders need the demo seed.");

    /// <summary>The demo provider's id (the admin's provider).</summary>
    public async Task<int> ProviderIdAsync() => (await AdminAsync()).ProviderId ?? throw new InvalidOperationException("The demo admin has no provider.");

    /// <summary>The id of the person with this email address, who must exist.</summary>
    public async Task<int> UserIdAsync(string email) =>
        (await Service<IUserRepository>().FindByNormalizedEmailAsync(email.ToUpperInvariant()))?.Id
        ?? throw new InvalidOperationException("No one has the email address " + email);

    /// <summary>
    /// Runs <typeparamref name="TUseCase"/> in a scope of its own, as registered; or, given <paramref name="at"/>, made
    /// afresh with a clock stopped at that instant (its other dependencies as registered).
    /// </summary>
    internal async Task<TResult> RunAsync<TUseCase, TResult>(DateTime? at, Func<TUseCase, Task<TResult>> action) where TUseCase : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        var useCase = at is { } instant
            ? ActivatorUtilities.CreateInstance<TUseCase>(scope.ServiceProvider, Clock(instant))
            : scope.ServiceProvider.GetRequiredService<TUseCase>();
        return await action(useCase);
    }

    internal Task RunAsync<TUseCase>(DateTime? at, Func<TUseCase, Task> action) where TUseCase : notnull =>
        RunAsync<TUseCase, bool>(at, async useCase =>
        {
            await action(useCase);
            return true;
        });

    /// <summary>A Core interface the app registers (for what no use case does, and to read back ids).</summary>
    internal T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A clock stopped at <paramref name="utc"/>.</summary>
    internal static FakeTimeProvider Clock(DateTime utc) =>
        new(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>Fails the build with what the use case said, so a refused step never passes silently.</summary>
    internal static T Refused<T>(string what, IEnumerable<string> problems) =>
        throw new InvalidOperationException($"The builder's {what} was refused: {string.Join(" ", problems)}");
}
