using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Npq.Tests.Web;

/// <summary>An error outside Development: a friendly page with a reference that is also in the log; no stack trace.</summary>
public sealed class ErrorHandlingTests
{
    [Test]
    public async Task UnhandledError_ShowsReferenceAndLogsIt_WithoutAStackTrace()
    {
        using var factory = new NpqWebFactory(
            new Dictionary<string, string?> { ["Seed:Demo"] = "false" },
            services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        using var client = factory.NewClient();

        var response = await client.GetAsync("/test-only/boom");
        var body = await response.Content.ReadAsStringAsync();
        var reference = Html.Parse(body).QuerySelector("code.reference").Text();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(body, Does.Contain("Sorry, something went wrong"));
        Assert.That(body, Does.Not.Contain("InvalidOperationException").And.Not.Contain("at Npq."));
        Assert.That(reference, Has.Length.GreaterThan(8));
        var logs = await LogFiles.WaitForLineAsync(factory.LogFolder, line => line.Contains(reference));

        Assert.That(logs, Has.Some.Contains(reference));
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test-only/boom", branch => branch.Run(_ => throw new InvalidOperationException("kaboom secret detail")));
        };
    }
}
