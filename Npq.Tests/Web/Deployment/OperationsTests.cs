using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npq.Core.Files;
using Npq.Web.Infrastructure;

namespace Npq.Tests.Web.Deployment;

/// <summary>
/// What an operator of several instances relies on: liveness and readiness probes, settings refused at start-up with
/// a message that says what to fix, and client addresses believed from configured proxies only.
/// </summary>
public sealed class OperationsTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Test]
    public async Task Probes_LiveAndReady_AnswerWithEachCheck()
    {
        using var factory = new NpqWebFactory();
        using var client = factory.NewClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        var checks = (await JsonAsync(ready)).GetProperty("checks");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(checks.EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "database", "file-store", "time-zones", "job-store" }));
        Assert.That(checks.EnumerateObject().Select(c => c.Value.GetProperty("status").GetString()), Is.All.EqualTo("healthy"));
        Assert.That(Directory.GetFiles(Path.Combine(factory.WorkFolder, "files")).Where(f => File.ReadAllText(f) == "npq readiness probe"), Is.Empty, "the probe file is deleted");
    }

    [Test]
    public async Task Ready_WhenTheFileStoreFails_Is503_LiveStays200_AndNoExceptionTextIsShown()
    {
        NpqWebFactory factory = null!;
        SwitchableFileStore store = null!;
        factory = new NpqWebFactory(configureServices: s => s.AddSingleton<IFileStore>(
            _ => store = new SwitchableFileStore(new Npq.Data.Files.LocalFileStore(Path.Combine(factory.WorkFolder, "files")))));
        using var _ = factory;
        using var client = factory.NewClient();
        var before = await client.GetAsync("/health/ready");

        store.Broken = true;
        var ready = await client.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        var live = await client.GetAsync("/health/live");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await JsonAsync(ready)).GetProperty("checks").GetProperty("file-store").GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
        Assert.That(body, Does.Not.Contain(SwitchableFileStore.Secret));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("Email:SmtpHost is not set", "Smtp", null)]
    [TestCase("Email:Mode is \"Carrier pigeon\"", "Carrier pigeon", null)]
    [TestCase("Email:PublicBaseUrl", "Pickup", "npq.example.org")]
    public void Start_WithSettingsThatCannotWork_StopsWithAMessageThatSaysWhatToFix(string expected, string mode, string? baseUrl)
    {
        var settings = new Dictionary<string, string?> { ["Email:Mode"] = mode, ["Email:PublicBaseUrl"] = baseUrl ?? "https://npq.example.org" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddNpqStartupChecks();
        services.Configure<Npq.Web.Infrastructure.Email.EmailOptions>(configuration.GetSection("Email"));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Catch(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.Message, Does.Contain(expected));
    }

    [Test]
    public void Start_WithTheDefaultSettings_Passes()
    {
        var services = new ServiceCollection().AddNpqStartupChecks();
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(StartupChecks.TimeZoneDataProblem(), Is.Null, "this machine has the zone data");
    }

    [Test]
    public async Task MigrateOnStartOff_ABehindDatabaseStopsTheStartWithWhatToRun_AnUpToDateOneStarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "npq-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connections = new Npq.Data.Infrastructure.SqliteConnectionFactory($"Data Source={Path.Combine(folder, "npq.db")}", 30);
        var migrator = new Npq.Data.Migrations.DatabaseMigrator(connections, Microsoft.Extensions.Logging.Abstractions.NullLogger<Npq.Data.Migrations.DatabaseMigrator>.Instance);
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        var pending = migrator.PendingScripts();
        var refused = Assert.CatchAsync(() => NpqPipeline.BringUpToDateAsync(migrator, migrateNow: false, logger));
        await NpqPipeline.BringUpToDateAsync(migrator, migrateNow: true, logger); // the deploy step
        var afterwards = migrator.PendingScripts();
        Assert.DoesNotThrowAsync(() => NpqPipeline.BringUpToDateAsync(migrator, migrateNow: false, logger));
        connections.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);

        Assert.That(pending, Is.EqualTo(Npq.Data.Migrations.DatabaseMigrator.ScriptNames(Npq.Data.Infrastructure.DatabaseProvider.Sqlite)));
        Assert.That(refused, Is.InstanceOf<InvalidOperationException>());
        Assert.That(refused!.Message, Does.Contain($"{pending.Count} migration(s) behind").And.Contain("dotnet Npq.Web.dll migrate"));
        Assert.That(afterwards, Is.Empty);
    }

    [Test]
    public async Task ForwardedFor_IsBelievedFromAConfiguredProxyOnly_SoEachRealClientHasItsOwnLimit()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Account:PermitLimit"] = "2",
            ["RateLimiting:Account:WindowSeconds"] = "120",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
        };
        using var viaProxy = new NpqWebFactory(settings, s => s.AddSingleton<IStartupFilter>(new ConnectionFrom("10.0.0.5")));
        using var notAProxy = new NpqWebFactory(settings, s => s.AddSingleton<IStartupFilter>(new ConnectionFrom("10.0.0.9")));

        var proxiedA = await PostsAsync(viaProxy, "203.0.113.7", 3);
        var proxiedB = await PostsAsync(viaProxy, "198.51.100.20", 1);
        var directA = await PostsAsync(notAProxy, "203.0.113.7", 2);
        var directB = await PostsAsync(notAProxy, "198.51.100.20", 1);

        Assert.That(proxiedA, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }), "one client over its limit");
        Assert.That(proxiedB, Is.EqualTo(new[] { HttpStatusCode.OK }), "another client behind the same proxy has its own limit");
        Assert.That(directB, Is.EqualTo(new[] { HttpStatusCode.TooManyRequests }), "from an address that is not a proxy the header is ignored: one limit for the connection");
        Assert.That(directA, Is.All.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>Posts the sign-in form (a wrong password: 200 with the message) and returns each answer's status.</summary>
    private static async Task<HttpStatusCode[]> PostsAsync(NpqWebFactory factory, string forwardedFor, int count)
    {
        using var client = factory.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var response = await Forms.SubmitAsync(client, "/account/sign-in", "form.account-form",
                new Dictionary<string, string> { ["Email"] = "candidate1@npq.example", ["Password"] = "wrong-password-here" });
            statuses.Add(response.StatusCode);
        }

        return [.. statuses];
    }

    /// <summary>Gives every request the remote address a real connection from that machine would have.</summary>
    private sealed class ConnectionFrom(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>The real local store until <see cref="Broken"/> is set (the demo seed stores files at start-up).</summary>
    private sealed class SwitchableFileStore(IFileStore inner) : IFileStore
    {
        public const string Secret = "disk /dev/sdz1 is on fire";

        public bool Broken { get; set; }

        public Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default) =>
            Broken ? throw new IOException(Secret) : inner.SaveAsync(content, cancellationToken);

        public Task<Stream?> OpenReadAsync(string storedName, CancellationToken cancellationToken = default) =>
            Broken ? throw new IOException(Secret) : inner.OpenReadAsync(storedName, cancellationToken);

        public Task DeleteAsync(string storedName, CancellationToken cancellationToken = default) =>
            Broken ? throw new IOException(Secret) : inner.DeleteAsync(storedName, cancellationToken);
    }
}
