using Dapper;
using Npq.Data.Infrastructure;

namespace Npq.Web.Infrastructure.Health;

public static class HealthEndpoint
{
    /// <summary>How many migration scripts the database's journal holds: the question both health endpoints ask it.</summary>
    public static async Task<int> MigrationsAppliedAsync(IDbConnectionFactory db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM SchemaVersions", cancellationToken: cancellationToken));
    }

    /// <summary><c>GET /health</c>: 200 with the database's state, 503 when the database cannot be reached.</summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (IDbConnectionFactory db, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            try
            {
                var scripts = await MigrationsAppliedAsync(db, cancellationToken);
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
