using Serilog;
using Serilog.Events;

namespace Npq.Web.Infrastructure;

public static class LoggingSetup
{
    /// <summary>Serilog to the console and a daily rolling file; request logs carry ids, never personal data.</summary>
    public static void AddNpqLogging(this WebApplicationBuilder builder)
    {
        var filePath = builder.Configuration["Logging:FilePath"] ?? "App_Data/logs/npq-.log";
        if (!Path.IsPathRooted(filePath))
        {
            filePath = Path.Combine(builder.Environment.ContentRootPath, filePath);
        }

        builder.Services.AddSerilog((services, configuration) => configuration
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new Serilog.Formatting.Compact.CompactJsonFormatter(),
                filePath,
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: 100 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 14,
                restrictedToMinimumLevel: LogEventLevel.Information));
    }

    /// <summary>One line per request: method, path (no query string, which may hold personal data), status, time, user id.</summary>
    public static void UseNpqRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (context, http) =>
            {
                context.Set("RequestPath", http.Request.Path.Value);
                context.Set("TraceId", http.TraceIdentifier);
                var userId = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                if (userId is not null)
                {
                    context.Set("UserId", userId);
                }
            };
            // A request the client gave up on (it closed the connection) is not a server error.
            options.GetLevel = (http, _, ex) => http.RequestAborted.IsCancellationRequested && ex is null or OperationCanceledException ? LogEventLevel.Information
                : ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
    }
}
