using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npq.Web.Infrastructure;

namespace Npq.Tests.Web;

/// <summary>A client that closes the connection mid-request: answered 499 and logged as such, not as a server error.</summary>
public sealed class ClientClosedMiddlewareTests
{
    private sealed class StatusPages : IStatusCodePagesFeature
    {
        public bool Enabled { get; set; } = true;
    }

    private static (DefaultHttpContext Http, StatusPages Pages) Request(bool clientGone)
    {
        var http = new DefaultHttpContext();
        var pages = new StatusPages();
        http.Features.Set<IStatusCodePagesFeature>(pages);
        http.RequestAborted = new CancellationToken(canceled: clientGone);
        return (http, pages);
    }

    [Test]
    public async Task TheRequestsCancellationAfterTheClientWent_Is499WithoutAnErrorPage()
    {
        var (http, pages) = Request(clientGone: true);
        var middleware = new ClientClosedMiddleware(context => throw new OperationCanceledException(context.RequestAborted));

        await middleware.InvokeAsync(http);

        Assert.That(http.Response.StatusCode, Is.EqualTo(StatusCodes.Status499ClientClosedRequest));
        Assert.That(pages.Enabled, Is.False);
    }

    [Test]
    public async Task AWriteToTheClosedConnection_IsAlso499()
    {
        var (http, _) = Request(clientGone: true);
        var middleware = new ClientClosedMiddleware(_ => throw new IOException("The client reset the request stream."));

        await middleware.InvokeAsync(http);

        Assert.That(http.Response.StatusCode, Is.EqualTo(StatusCodes.Status499ClientClosedRequest));
    }

    [Test]
    public void ACancellationWhileTheClientIsStillThere_RisesAsBefore()
    {
        var (http, pages) = Request(clientGone: false);
        var middleware = new ClientClosedMiddleware(_ => throw new OperationCanceledException());

        Assert.ThrowsAsync<OperationCanceledException>(() => middleware.InvokeAsync(http));
        Assert.That(pages.Enabled, Is.True);
    }

    [Test]
    public void AnyOtherErrorAfterTheClientWent_RisesAsBefore()
    {
        var (http, _) = Request(clientGone: true);
        var middleware = new ClientClosedMiddleware(_ => throw new InvalidOperationException("a real fault"));

        Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(http));
    }

    [Test]
    public async Task ThroughTheSite_TheRequestLineSays499AndCarriesNoStackTrace()
    {
        using var factory = new NpqWebFactory(
            new Dictionary<string, string?> { ["Seed:Demo"] = "false", ["Serilog:MinimumLevel:Default"] = "Information" },
            services => services.AddSingleton<IStartupFilter, ClosingEndpoint>());
        using var client = factory.NewClient();

        // The test server ends the client's call with an error once the request is aborted.
        try
        {
            await client.GetAsync("/test-only/client-closes");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
        }

        var lines = await LogFiles.WaitForLineAsync(factory.LogFolder, line => line.Contains("/test-only/client-closes"));
        var line = lines.Single(l => l.Contains("/test-only/client-closes"));

        Assert.That(line, Does.Match("\"StatusCode\":499|responded 499"));
        Assert.That(lines, Has.None.Contains("OperationCanceledException"), "no line carries the cancellation's stack trace");
    }

    private sealed class ClosingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test-only/client-closes", branch => branch.Run(context =>
            {
                context.Abort();
                throw new OperationCanceledException(context.RequestAborted);
            }));
        };
    }
}
