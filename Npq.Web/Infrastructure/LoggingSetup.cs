using Serilog;
using Serilog.Events;

namespace Npq.Web.Infrastructure;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog to a daily rolling file (everything from Information up) and to the console (from
    /// <c>Logging:ConsoleLevel</c>: Information in Development, Warning elsewhere, where the file holds the request
    /// lines and the console is for what needs attention). Request logs carry ids, never personal data.
    /// </summary>
    public static void AddNpqLogging(this WebApplicationBuilder builder)
    {
        var filePath = builder.Configuration["Logging:FilePath"] ?? "App_Data/logs/npq-.log";
        if (!Path.IsPathRooted(filePath))
        {
            filePath = Path.Combine(builder.Environment.ContentRootPath, filePath);
        }

        var consoleLevel = builder.Environment.IsDevelopment() ? LogEventLevel.Information : LogEventLevel.Warning;
        if (builder.Configuration["Logging:ConsoleLevel"] is { Length: > 0 } configured
            && !Enum.TryParse(configured, ignoreCase: true, out consoleLevel))
        {
            throw new InvalidOperationException(
                $"Logging:ConsoleLevel is '{configured}'; use one of {string.Join(", ", Enum.GetNames<LogEventLevel>())}.");
        }

        var jsonConsole = ConsoleIsJson(builder.Configuration, builder.Environment);
        builder.Services.AddSerilog((services, configuration) => configuration
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Logger(console => _ = jsonConsole
                ? console.WriteTo.Console(new Serilog.Formatting.Compact.CompactJsonFormatter(), restrictedToMinimumLevel: consoleLevel)
                : console.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture, restrictedToMinimumLevel: consoleLevel))
            // The file is handed its lines on a timer, four times a second, and flushed at least every second and
            // when the application stops: a request neither waits on the disk nor wakes a thread to log its line.
            .WriteTo.Sink(Serilog.Configuration.LoggerSinkConfiguration.Wrap(
                file => new PeriodicHandOffSink(file, TimeSpan.FromMilliseconds(250), limit: 10_000),
                sink => sink.File(
                    new Serilog.Formatting.Compact.CompactJsonFormatter(),
                    filePath,
                    rollingInterval: RollingInterval.Day,
                    fileSizeLimitBytes: 100 * 1024 * 1024,
                    rollOnFileSizeLimit: true,
                    retainedFileCountLimit: 14,
                    buffered: true,
                    flushToDiskInterval: TimeSpan.FromSeconds(1))),
                LogEventLevel.Information));
        CachedLoggerFactory.Decorate(builder.Services);
    }

    /// <summary>
    /// Whether the console gets one JSON object per line (Serilog's compact format), as a container platform's log
    /// collector reads it: <c>Logging:ConsoleFormat</c> <c>json</c> or <c>text</c>; by default JSON in Production and
    /// text elsewhere, where a person reads it.
    /// </summary>
    public static bool ConsoleIsJson(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Logging:ConsoleFormat"] switch
        {
            null or "" => environment.IsProduction(),
            var format when format.Equals("json", StringComparison.OrdinalIgnoreCase) => true,
            var format when format.Equals("text", StringComparison.OrdinalIgnoreCase) => false,
            var format => throw new InvalidOperationException($"Logging:ConsoleFormat is '{format}'; use json or text."),
        };

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
            options.GetLevel = (http, _, ex) => RequestLevel(http, ex);
        });
    }

    /// <summary>
    /// The level of a request's line. A request the client gave up on (it closed the connection) is not a server error.
    /// What a page's script sends by itself while it stays open (a playing video's progress every few seconds, a
    /// thread's poll for new replies) is Debug when it succeeds: at Information it would be most of the log, and what
    /// such a report changes is logged by its use case (a video completed) at Information. Its failures stay Information
    /// or above.
    /// </summary>
    public static LogEventLevel RequestLevel(HttpContext http, Exception? ex) =>
        http.RequestAborted.IsCancellationRequested && ex is null or OperationCanceledException ? LogEventLevel.Information
        : ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
        : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
        : http.Response.StatusCode < 300 && IsScriptHeartbeat(http.Request) ? LogEventLevel.Debug
        : LogEventLevel.Information;

    private static bool IsScriptHeartbeat(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/learn") && request.Path.Value!.EndsWith("/progress", StringComparison.Ordinal))
        || (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/discussions/threads") && request.Path.Value!.EndsWith("/since", StringComparison.Ordinal));
}
