using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Data.Infrastructure;
using Npq.Data.Migrations;
using Npq.Tests.Support;
using Npq.Web.Demo;

namespace Npq.Tests.Web.Deployment;

/// <summary>
/// The demo seed runs on a build's first start on a database and is skipped on its later starts (its checks cost
/// seconds); forgetting the build's run, as a new build does, seeds again.
/// </summary>
public sealed class DemoSeedRunsTests
{
    private sealed class CountingStep : IDemoSeedStep
    {
        public static int Runs;

        public int Order => 10_000;

        public Task SeedAsync(DemoSeedContext context)
        {
            Interlocked.Increment(ref Runs);
            return Task.CompletedTask;
        }
    }

    private static NpqWebFactory OnTheDatabaseOf(NpqWebFactory first) => new(
        new Dictionary<string, string?>
        {
            ["Database:SqlitePath"] = Path.Combine(first.WorkFolder, "npq.db"),
            ["Storage:Root"] = Path.Combine(first.WorkFolder, "files"),
        },
        services => services.AddScoped<IDemoSeedStep, CountingStep>());

    [Test]
    public async Task ALaterStartOfTheSameBuild_SkipsTheSeed_ANewBuildSeedsAgain()
    {
        using var first = new NpqWebFactory();
        _ = first.Server;
        var build = DemoSeedRuns.FingerprintOf(typeof(DemoSeeder).Assembly, typeof(Npq.Core.Accounts.AppUser).Assembly, typeof(DemoSeedRuns).Assembly);
        var runs = first.Services.GetRequiredService<DemoSeedRuns>();
        Assert.That(await runs.HasCompletedAsync(build), Is.True, "the first start records this build's seed");

        CountingStep.Runs = 0;
        using (var restart = OnTheDatabaseOf(first))
        {
            _ = restart.Server;
        }

        Assert.That(CountingStep.Runs, Is.Zero, "a restart of the same build does not seed again");

        await using (var connection = await first.Services.GetRequiredService<IDbConnectionFactory>().OpenForWriteAsync())
        {
            await connection.ExecuteAsync("DELETE FROM DemoSeedRuns");
        }

        using (var newBuild = OnTheDatabaseOf(first))
        {
            _ = newBuild.Server;
        }

        Assert.That(CountingStep.Runs, Is.EqualTo(1), "a build that has not seeded this database seeds it");
        Assert.That(await runs.HasCompletedAsync(build), Is.True, "and records that it did");
    }

    [Test]
    public async Task Record_Twice_KeepsOneRow()
    {
        using var factory = new NpqWebFactory();
        var runs = factory.Services.GetRequiredService<DemoSeedRuns>();
        await runs.RecordAsync("another-build");
        await runs.RecordAsync("another-build");
        await using var connection = await factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM DemoSeedRuns WHERE Fingerprint = 'another-build'"), Is.EqualTo(1));
        Assert.That(await runs.HasCompletedAsync("yet-another"), Is.False);
    }
}
