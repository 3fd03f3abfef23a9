using Dapper;
using Npq.Data.Infrastructure;

namespace Npq.Web.Infrastructure.Health;

public static class HealthEndpoint
{
    /// <summary><c>GET /health</c>: 200 with the database's state, 503 when the database cannot be reached.</summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (IDbConnectionFactory db, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            try
            {
                await using var connection = await db.OpenAsync(cancellationToken);
                var scripts = await connection.ExecuteScalarAsync<int>(
                    new CommandDefinition("SELECT COUNT(*) FROM SchemaVersions", cancellationToken: cancellationToken));
                return Results.Json(new { status = "healthy", database = new { provider = db.Dialect.Provider.ToString(), state = "reachable", migrations = scripts } });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                loggers.CreateLogger("Npq.Health").LogError(ex, "Health check could not reach the database");
                return Results.Json(new { status = "unhealthy", database = new { provider = db.Dialect.Provider.ToString(), state = "unreachable" } }, statusCode: 503);
            }
        }).AllowAnonymous();
    }
}
