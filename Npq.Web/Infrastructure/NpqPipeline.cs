using Npq.Data.Migrations;
using Npq.Web.Demo;
using Npq.Web.Features.Dfe;
using Npq.Web.Infrastructure.Health;

namespace Npq.Web.Infrastructure;

public static class NpqPipeline
{
    public static async Task MigrateDatabaseAsync(this WebApplication app, bool seed)
    {
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        var applied = await migrator.MigrateAsync();
        app.Logger.LogInformation("Database is up to date ({Applied} scripts applied now)", applied.Count);
        if (seed && app.Configuration.GetValue<bool>("Seed:Demo"))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }
    }

    public static void UseNpqPipeline(this WebApplication app)
    {
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
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<Features.Portfolio.Dashboard.DashboardInvalidationMiddleware>();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapHealthEndpoint();
        if (app.Configuration.GetValue<bool>("Bench:BareEndpoint"))
        {
            // The benchmark's ceiling: a constant response through the same pipeline, switched on only by bench/run.
            app.MapGet("/bench/bare", () => Results.Text("ok")).AllowAnonymous();
        }

        app.MapDfe();
        app.MapControllers();
    }
}
