using Npq.Data.Infrastructure;
using Npq.Data.Migrations;
using Npq.Web.Demo;
using Npq.Web.Features.Dfe;
using Npq.Web.Infrastructure.Health;

namespace Npq.Web.Infrastructure;

public static class NpqPipeline
{
    /// <summary>
    /// Brings the database up to date (see <see cref="BringUpToDateAsync"/>), checks the stored time zones, makes the
    /// blob container when files are kept in blob storage and it is missing, seeds the demo data when asked, and brings
    /// SQLite's planner statistics up to date (<see cref="DatabaseStatistics"/>).
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app, bool seed)
    {
        await BringUpToDateAsync(
            app.Services.GetRequiredService<DatabaseMigrator>(), migrateNow: !seed || app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStart, app.Logger);
        await app.CheckTimeZonesAsync();
        var files = app.Services.GetRequiredService<Npq.Core.Files.IFileStore>();
        if ((files is Telemetry.MeasuredFileStore measured ? measured.Inner : files) is Npq.Data.Files.AzureBlobFileStore blobs)
        {
            await blobs.EnsureContainerAsync();
        }

        if (seed && app.Configuration.GetValue<bool>("Seed:Demo"))
        {
            await SeedDemoAsync(app);
        }

        await app.Services.GetRequiredService<DatabaseStatistics>().RefreshAsync();
    }

    /// <summary>
    /// Seeds the demo data on this build's first start on the database (and on every start when a step asks, such as
    /// the in-process fake DfE's); later starts of the same build skip the seed's checks.
    /// </summary>
    private static async Task SeedDemoAsync(WebApplication app)
    {
        var runs = app.Services.GetRequiredService<DemoSeedRuns>();
        var build = DemoSeedRuns.FingerprintOf(typeof(DemoSeeder).Assembly, typeof(Npq.Core.Accounts.AppUser).Assembly, typeof(DemoSeedRuns).Assembly);
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (!seeder.RunsOnEveryStart && await runs.HasCompletedAsync(build))
        {
            app.Logger.LogInformation("Demo data: this build has seeded this database already");
            return;
        }

        await seeder.SeedAsync();
        await runs.RecordAsync(build);
    }

    /// <summary>
    /// Applies pending migrations when <paramref name="migrateNow"/> (the <c>migrate</c> command always; a start when
    /// <c>Database:MigrateOnStart</c>, the default); otherwise checks that a deploy step already did, and refuses to go
    /// on when it did not.
    /// </summary>
    public static async Task BringUpToDateAsync(DatabaseMigrator migrator, bool migrateNow, ILogger logger)
    {
        if (migrateNow)
        {
            var applied = await migrator.MigrateAsync();
            logger.LogInformation("Database is up to date ({Applied} scripts applied now)", applied.Count);
        }
        else if (migrator.PendingScripts() is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database is {pending.Count} migration(s) behind ({string.Join(", ", pending)}) and Database:MigrateOnStart is false: "
                + "run the deploy step `dotnet Npq.Web.dll migrate` first.");
        }
    }

    public static void UseNpqPipeline(this WebApplication app)
    {
        if (ForwardedHeadersSetup.IsBehindProxy(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
        }

        if (NpqServices.RequireHttps(app.Configuration, app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseNpqRequestLogging();
        app.UseMiddleware<ClientClosedMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<Caching.CandidatePageInvalidationMiddleware>();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapHealthEndpoint();
        app.MapNpqHealthChecks();
        if (app.Configuration.GetValue<bool>("Bench:BareEndpoint"))
        {
            // The benchmark's ceiling: a constant response through the same pipeline, switched on only by bench/run.
            app.MapGet("/bench/bare", () => Results.Text("ok")).AllowAnonymous();
        }

        app.MapDfe();
        app.MapControllers();
    }
}
