using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Npq.Tests.Support;

/// <summary>
/// The real application over a fresh SQLite file, migrated and seeded with the demo data, in the "Testing"
/// environment (so errors show the friendly page, as in production). Migrating and seeding from nothing takes about
/// 1.5 s, so the test run does it once (<see cref="DemoTemplate"/>) and every factory whose services and settings
/// cannot change what the seed writes starts from a copy of that database and its stored files; the start-up then
/// finds the migrations applied and the (idempotent) seed in place.
/// </summary>
public class NpqWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public NpqWebFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        WorkFolder = Path.Combine(Path.GetTempPath(), "npq-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkFolder);
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SqlitePath"] = Path.Combine(WorkFolder, "npq.db"),
            ["Seed:Demo"] = "true",
            ["Logging:FilePath"] = Path.Combine(WorkFolder, "logs", "npq-.log"),
            ["Storage:Root"] = Path.Combine(WorkFolder, "files"),
            ["Email:PickupFolder"] = Path.Combine(WorkFolder, "mail"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _configureServices = configureServices;
        if (DemoTemplate.Fits(settings, configureServices))
        {
            DemoTemplate.CopyTo(WorkFolder);
        }
    }

    /// <summary>
    /// Starts the site (migrations and demo data in place) and fails with the reason when it does not start. Program
    /// logs a start-up failure to the console and returns, which would leave the test server unstarted and every test
    /// of the fixture failing with only "the server has not been started".
    /// </summary>
    public void Start()
    {
        var console = Console.Out;
        using var written = new StringWriter();
        Console.SetOut(written);
        try
        {
            _ = Server;
        }
        finally
        {
            Console.SetOut(console);
            console.Write(written.ToString());
        }

        try
        {
            Server.CreateHandler().Dispose();
        }
        catch (InvalidOperationException notStarted)
        {
            throw new InvalidOperationException("The site did not start. It wrote: " + written, notStarted);
        }
    }

    /// <summary>
    /// A client over HTTPS (as in production, where cookies are Secure), keeping cookies, not following redirects
    /// unless asked.
    /// </summary>
    public HttpClient NewClient(bool followRedirects = false) =>
        CreateClient(new() { AllowAutoRedirect = followRedirects, HandleCookies = true, BaseAddress = new Uri("https://localhost") });

    /// <summary>A folder of this factory's own: database, logs, files, mail.</summary>
    public string WorkFolder { get; }

    public string LogFolder => Path.Combine(WorkFolder, "logs");

    public string MailFolder => Path.Combine(WorkFolder, "mail");

    /// <summary>
    /// Sends every mail the outbox holds that is due (as the mail job would) and waits for any the job is sending
    /// at the same moment, so the mail folder is complete when this returns.
    /// </summary>
    public async Task DrainMailAsync(TimeSpan? timeout = null)
    {
        var sender = Services.GetRequiredService<Npq.Core.Notifications.MailOutboxSender>();
        var outbox = Services.GetRequiredService<Npq.Core.Notifications.IMailOutboxRepository>();
        var time = Services.GetRequiredService<TimeProvider>();
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            await sender.SendDueAsync("test-drain");
            if (await outbox.CountDueAsync(time.GetUtcNow().UtcDateTime) == 0)
            {
                return;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("The mail outbox did not drain");
            }

            await Task.Delay(25);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As in Development (what the README's first command runs): a singleton that takes a scoped service, or a scoped
        // service taken from the root, fails the host here rather than on a new user's first start.
        builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_configureServices is not null)
        {
            builder.ConfigureServices(_configureServices);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(WorkFolder, recursive: true);
            }
            catch (IOException)
            {
                // A log file may still be held open for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}
