using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npq.Web.Infrastructure;
using Serilog.Events;

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

    [TestCase("Production", null, true)]
    [TestCase("Development", null, false)]
    [TestCase("Testing", null, false)]
    [TestCase("Development", "json", true)]
    [TestCase("Production", "TEXT", false)]
    public void ConsoleFormat_IsJsonInProductionUnlessSaidOtherwise(string environment, string? format, bool json)
    {
        var builder = Builder(environment, null);
        builder.Configuration["Logging:ConsoleFormat"] = format;

        Assert.That(LoggingSetup.ConsoleIsJson(builder.Configuration, builder.Environment), Is.EqualTo(json));
    }

    [TestCase("POST", "/learn/3/items/7/progress", 200, LogEventLevel.Debug)]
    [TestCase("POST", "/learn/3/items/7/progress", 404, LogEventLevel.Information)]
    [TestCase("POST", "/learn/3/items/7/progress", 500, LogEventLevel.Error)]
    [TestCase("GET", "/discussions/threads/40/since", 200, LogEventLevel.Debug)]
    [TestCase("POST", "/learn/3/items/7/done", 302, LogEventLevel.Information)]
    [TestCase("POST", "/discussions/threads/40/replies", 302, LogEventLevel.Information)]
    [TestCase("GET", "/learn/3", 200, LogEventLevel.Information)]
    [TestCase("GET", "/health", 200, LogEventLevel.Verbose)]
    public void RequestLines_AScriptsRoutineReportsAreDebug_EverythingElseAsBefore(string method, string path, int status, LogEventLevel level)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.StatusCode = status;

        Assert.That(LoggingSetup.RequestLevel(http, null), Is.EqualTo(level));
    }

    [Test]
    public void AConsoleFormatThatIsNotOne_StopsStartUp()
    {
        var builder = Builder("Production", null);
        builder.Configuration["Logging:ConsoleFormat"] = "xml";

        Assert.That(() => builder.AddNpqLogging(), Throws.InvalidOperationException.With.Message.Contains("use json or text"));
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

    [Test]
    public async Task TheLogFile_HoldsEveryLine_OnceTheApplicationStops()
    {
        // The file is written on a background thread, buffered: stopping the application must still leave every line
        // logged before it on the disk.
        var builder = Builder("Production", null);
        builder.AddNpqLogging();
        var folder = Path.GetDirectoryName(builder.Configuration["Logging:FilePath"])!;
        var app = builder.Build();
        var factory = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = factory.CreateLogger("Npq.Tests");
        Assert.That(factory, Is.InstanceOf<Npq.Web.Infrastructure.CachedLoggerFactory>());
        Assert.That(factory.CreateLogger("Npq.Tests"), Is.SameAs(logger), "one logger per category, not one per request");
        Assert.That(factory.CreateLogger("Npq.Other"), Is.Not.SameAs(logger));
        for (var i = 0; i < 500; i++)
        {
            logger.LogInformation("Line {Number} of the test", i);
        }

        await app.DisposeAsync();

        var text = string.Concat(Directory.GetFiles(folder).Select(File.ReadAllText));
        Assert.That(text, Does.Contain("\"Number\":0").And.Contain("\"Number\":499"));
        Assert.That(text.Split('\n').Count(l => l.Contains("of the test")), Is.EqualTo(500));
        Directory.Delete(folder, recursive: true);
    }
}
