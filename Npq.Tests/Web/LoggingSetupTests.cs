using Microsoft.AspNetCore.Builder;
using Npq.Web.Infrastructure;

namespace Npq.Tests.Web;

public sealed class LoggingSetupTests
{
    private static WebApplicationBuilder Builder(string environment, string? consoleLevel)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration["Logging:FilePath"] = Path.Combine(Path.GetTempPath(), "npq-logging-" + Guid.NewGuid().ToString("N"), "npq-.log");
        if (consoleLevel is not null)
        {
            builder.Configuration["Logging:ConsoleLevel"] = consoleLevel;
        }

        return builder;
    }

    [Test]
    public void AConsoleLevelThatIsNotALevel_StopsStartUp_NamingTheLevels()
    {
        var builder = Builder("Production", "Loud");

        Assert.That(() => builder.AddNpqLogging(),
            Throws.InvalidOperationException.With.Message.Contains("Logging:ConsoleLevel is 'Loud'").And.Message.Contains("Warning"));
    }

    [TestCase("Production", null)]
    [TestCase("Development", null)]
    [TestCase("Production", "information")]
    public void KnownOrDefaultConsoleLevels_AreAccepted(string environment, string? consoleLevel)
    {
        var builder = Builder(environment, consoleLevel);

        Assert.That(() => builder.AddNpqLogging(), Throws.Nothing);
    }
}
