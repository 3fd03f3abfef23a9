using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Reporting;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Reporting;

/// <summary>
/// The report tests' fixture: the application with test sign-in and released outcomes held in memory
/// (<see cref="FakeFinalOutcomes"/>), and the <see cref="ReportWorld"/> built into it before the first test. Each
/// fixture has its own, so what one fixture adds (declarations, more cohorts) never shows in another's counts.
/// </summary>
public abstract class ReportingFixture : WebFixture
{
    protected FakeFinalOutcomes Outcomes { get; } = new();

    protected ReportWorld World { get; private set; } = null!;

    /// <summary>The builders, writing into this fixture's application.</summary>
    protected Build Build { get; private set; } = null!;

    protected override NpqWebFactory CreateFactory() => new(configureServices: services =>
    {
        services.AddTestAuthentication();
        services.AddSingleton<IFinalOutcomeSource>(Outcomes);
    });

    [OneTimeSetUp]
    public async Task BuildWorld()
    {
        Build = new Build(Factory.Services);
        World = await ReportWorld.BuildAsync(Build, Outcomes);
    }

    protected HttpClient As(string email) => Factory.ClientFor(email);
}
