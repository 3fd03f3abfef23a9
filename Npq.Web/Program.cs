using Npq.Web.Infrastructure;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddNpqLogging();
    builder.Services.AddNpq(builder.Configuration, builder.Environment);

    var app = builder.Build();

    if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
    {
        // `dotnet run --project Npq.Web -- migrate`: bring the database up to date and stop.
        await app.MigrateDatabaseAsync(seed: false);
        return 0;
    }

    await app.MigrateDatabaseAsync(seed: true);
    app.UseNpqPipeline();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Npq stopped because of an unhandled exception");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
