using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npq.Core.Files;
using Npq.Data.Infrastructure;

namespace Npq.Web.Infrastructure.Health;

/// <summary>
/// Probes for a load balancer or orchestrator: <c>/health/live</c> answers 200 while the process serves requests (no
/// dependency is asked, so a database outage does not get every instance restarted), <c>/health/ready</c> answers 200
/// only when the database, the file store and the time zone data all work, 503 otherwise, with each check's state
/// as JSON (never an exception's text: that goes to the log).
/// </summary>
public static class ReadinessChecks
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddNpqHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag])
            .AddCheck<FileStoreCheck>("file-store", tags: [ReadyTag])
            .AddCheck<TimeZoneDataCheck>("time-zones", tags: [ReadyTag])
            .AddCheck<JobStoreCheck>("job-store", tags: [ReadyTag]);
        return services;
    }

    public static void MapNpqHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }));
    }

    /// <summary>The database answers and has its migrations journal.</summary>
    public sealed class DatabaseCheck(IDbConnectionFactory db, ILogger<DatabaseCheck> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var scripts = await HealthEndpoint.MigrationsAppliedAsync(db, cancellationToken);
                return HealthCheckResult.Healthy($"{db.Dialect.Provider}: {scripts} migrations applied");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Readiness: the database could not be reached");
                return HealthCheckResult.Unhealthy($"{db.Dialect.Provider}: unreachable");
            }
        }
    }

    /// <summary>A small file stored, read back and deleted through the file store the site uses.</summary>
    public sealed class FileStoreCheck(IFileStore files, ILogger<FileStoreCheck> logger) : IHealthCheck
    {
        private static readonly byte[] Probe = "npq readiness probe"u8.ToArray();

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var name = await files.SaveAsync(new MemoryStream(Probe), cancellationToken);
                try
                {
                    await using var read = await files.OpenReadAsync(name, cancellationToken)
                        ?? throw new IOException("The probe file was stored but cannot be read back");
                    var buffer = new MemoryStream();
                    await read.CopyToAsync(buffer, cancellationToken);
                    if (!buffer.ToArray().AsSpan().SequenceEqual(Probe))
                    {
                        throw new IOException("The probe file read back differs from what was stored");
                    }
                }
                finally
                {
                    await files.DeleteAsync(name, cancellationToken);
                }

                return HealthCheckResult.Healthy("stores and reads files");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Readiness: the file store does not work");
                return HealthCheckResult.Unhealthy("cannot store or read files");
            }
        }
    }

    /// <summary>
    /// The clustered job store answers (a read of Quartz's tables through the scheduler) and the scheduler is running,
    /// or deliberately in standby on an instance with <c>Jobs:Enabled=false</c>.
    /// </summary>
    public sealed class JobStoreCheck(Quartz.ISchedulerFactory schedulers, Microsoft.Extensions.Options.IOptions<Jobs.JobsOptions> options, ILogger<JobStoreCheck> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var scheduler = await schedulers.GetScheduler(cancellationToken);
                await scheduler.Exists(new Quartz.JobKey("readiness-probe", Jobs.JobsSetup.Group), cancellationToken);
                if (scheduler.Status is Quartz.SchedulerStatus.Shutdown or Quartz.SchedulerStatus.ShuttingDown)
                {
                    return HealthCheckResult.Unhealthy("the scheduler has shut down");
                }

                return scheduler.Status == Quartz.SchedulerStatus.Running
                    ? HealthCheckResult.Healthy($"running jobs as {scheduler.SchedulerInstanceId}")
                    : options.Value.Enabled
                        ? HealthCheckResult.Healthy("the job store answers; the scheduler is starting")
                        : HealthCheckResult.Healthy("the job store answers; this instance runs no jobs (Jobs:Enabled=false)");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Readiness: the job store could not be reached");
                return HealthCheckResult.Unhealthy("the job store is unreachable");
            }
        }
    }

    /// <summary>The IANA time zone data Npq shows every time with is present (see <see cref="StartupChecks"/>).</summary>
    public sealed class TimeZoneDataCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(StartupChecks.TimeZoneDataProblem() is { } problem
                ? HealthCheckResult.Unhealthy(problem)
                : HealthCheckResult.Healthy("IANA zones resolve"));
    }
}
