using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Npq.Tests.Support;

/// <summary>
/// The application on a real Kestrel port and Debian's chromium driven by Playwright, shared by the browser tests of a
/// fixture. The chromium process is shared by every fixture of the run (starting Playwright's driver and the browser
/// takes about 1.5 s here); each test works in its own browser context (its own cookies, storage and cache), and a
/// fixture's contexts are closed when it stops.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static (IPlaywright Playwright, IBrowser Browser)? _shared;

    private readonly HashSet<IBrowserContext> _othersContexts;

    private BrowserApp(NpqWebFactory factory, IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        Factory = factory;
        Playwright = playwright;
        Browser = browser;
        BaseUrl = baseUrl;
        _othersContexts = [.. browser.Contexts];
    }

    public NpqWebFactory Factory { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public string BaseUrl { get; }

    public static async Task<BrowserApp> StartAsync(IDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"{ChromiumPath} is missing: run the README's test command, which installs Debian's chromium.");
        }

        // Kestrel here speaks plain HTTP on loopback, so Secure-only cookies are switched off for the browser tests.
        var merged = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Security:RequireHttps"] = "false" };
        var factory = new NpqWebFactory(merged, services =>
        {
            configureServices?.Invoke(services);
            services.AddTransient<IStartupFilter, AxeScript>();
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        var (playwright, browser) = await SharedBrowserAsync();
        return new BrowserApp(factory, playwright, browser, baseUrl);
    }

    private static async Task<(IPlaywright Playwright, IBrowser Browser)> SharedBrowserAsync()
    {
        await SharedGate.WaitAsync();
        try
        {
            if (_shared is { } shared && shared.Browser.IsConnected)
            {
                return shared;
            }

            _shared?.Playwright.Dispose();
            var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                ],
            });
            _shared = (playwright, browser);
            return (playwright, browser);
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>Stops the run's chromium and Playwright's driver, once every test has finished.</summary>
    public static async Task StopSharedBrowserAsync()
    {
        if (_shared is { } shared)
        {
            _shared = null;
            await shared.Browser.DisposeAsync();
            shared.Playwright.Dispose();
        }
    }

    /// <summary>A fresh context (its own cookies), on a phone-sized or desktop viewport.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            BypassCSP = true, // lets the tests inject axe-core; the app's own pages never need it
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in as a demo user through the real sign-in page.</summary>
    public async Task<IPage> SignedInPageAsync(string email, bool phone = false)
    {
        var page = await NewPageAsync(phone);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Npq.Web.Demo.DemoSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        return page;
    }

    /// <summary>
    /// Runs axe-core (from npm) on the page and returns the serious and critical violations. On a page of the site the
    /// script is loaded from the site (<see cref="AxeScript"/>) rather than sent through Playwright's driver: a fifth of
    /// a second less each time.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var axe = AxeScript.File;
        if (!System.IO.File.Exists(axe))
        {
            Assert.Fail($"{axe} is missing: run the README's test command, which installs axe-core with npm.");
        }

        await page.AddScriptTagAsync(page.Url.StartsWith("http", StringComparison.Ordinal)
            ? new PageAddScriptTagOptions { Url = AxeScript.Address }
            : new PageAddScriptTagOptions { Path = axe });
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>Closes the contexts this fixture opened (the browser stays for the next fixture) and stops the site.</summary>
    public async ValueTask DisposeAsync()
    {
        // A browser that has gone (crashed) has no contexts left to close; the next fixture starts another.
        if (Browser.IsConnected)
        {
            foreach (var context in Browser.Contexts.Where(c => !_othersContexts.Contains(c)).ToList())
            {
                await context.CloseAsync();
            }
        }

        await Factory.DisposeAsync();
    }
}

/// <summary>
/// Serves axe-core's script to the browser tests at <see cref="Address"/>, ahead of the site's own middleware: added to
/// the site under test by <see cref="BrowserApp"/> only.
/// </summary>
internal sealed class AxeScript : IStartupFilter
{
    public const string Address = "/__tests/axe.min.js";

    public static string File => Path.Combine(RepoRoot.Path, "Npq.Tests", "node_modules", "axe-core", "axe.min.js");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(Address, script => script.Run(async context =>
        {
            context.Response.ContentType = "text/javascript";
            await context.Response.SendFileAsync(File);
        }));
        next(app);
    };
}
