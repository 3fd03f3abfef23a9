using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npq.Core.Frameworks;
using Npq.Data.Enrolment;
using Npq.Web.Demo;
using Npq.Web.Features.Frameworks;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// A migrated database of one provider (the demo provider's name, which <see cref="ReportRows"/> writes under) with
/// the framework content, for the reporting repositories' contract fixtures.
/// </summary>
public abstract class ReportingDatabaseFixture<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly Lazy<IFrameworkCatalog> Catalog = new(() => FrameworkLoader.Load(Path.Combine(RepoRoot.Path, "content"), NullLogger.Instance));

    /// <summary>An instant after every session, due date and submission the fixtures write (all in 2026's first half).</summary>
    protected static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    protected static IFrameworkCatalog Frameworks => Catalog.Value;

    protected ReportRows Data { get; private set; } = null!;

    protected int ProviderId { get; private set; }

    protected static DateTime At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [OneTimeSetUp]
    public async Task CreateProvider()
    {
        Data = new ReportRows(new ServiceCollection().AddSingleton(Db).AddSingleton(Frameworks).BuildServiceProvider());
        ProviderId = await new OrganisationRepository(Db).EnsureProviderAsync(DemoSeeder.ProviderName, At(1, 1, 0));
    }
}
