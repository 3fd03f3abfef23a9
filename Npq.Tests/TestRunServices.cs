using Npq.Tests.Support;

namespace Npq.Tests;

/// <summary>
/// Sets SQLite's process-wide settings before any test opens a connection, as the site does before its first one, and
/// stops the services the run started for its tests (Redis, the shared chromium) once every test has finished.
/// </summary>
[SetUpFixture]
public sealed class TestRunServices
{
    [OneTimeSetUp]
    public void ConfigureSqlite() => Npq.Data.Infrastructure.SqliteEngine.Configure();

    [OneTimeTearDown]
    public async Task StopServices()
    {
        RedisServer.StopIfStarted();
        await BrowserApp.StopSharedBrowserAsync();
    }
}
