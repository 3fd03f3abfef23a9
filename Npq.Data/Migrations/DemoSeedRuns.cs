using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npq.Data.Infrastructure;

namespace Npq.Data.Migrations;

/// <summary>
/// Which builds of the site have completed the demo seed on this database (<c>DemoSeedRuns</c>). The seed only adds
/// what is missing, but finding that nothing is missing costs seconds of queries on every start; a build whose seed
/// has completed here once skips it on later starts. A new build (any change to the code) seeds again.
/// </summary>
public sealed class DemoSeedRuns(IDbConnectionFactory db, TimeProvider time)
{
    /// <summary>A build's identity: the module version ids of the given assemblies (new on every compile), hashed.</summary>
    public static string FingerprintOf(params Assembly[] assemblies)
    {
        var ids = string.Join('|', assemblies.Select(a => a.ManifestModule.ModuleVersionId.ToString("N")).Order(StringComparer.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ids)))[..32];
    }

    public async Task<bool> HasCompletedAsync(string fingerprint)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM DemoSeedRuns WHERE Fingerprint = @fingerprint", new { fingerprint }) > 0;
    }

    public async Task RecordAsync(string fingerprint)
    {
        await using var connection = await db.OpenForWriteAsync();

        // Two instances seeding together both get here: the first row stands.
        if (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM DemoSeedRuns WHERE Fingerprint = @fingerprint", new { fingerprint }) == 0)
        {
            try
            {
                await connection.ExecuteAsync("INSERT INTO DemoSeedRuns (Fingerprint, CompletedUtc) VALUES (@fingerprint, @now)",
                    new { fingerprint, now = time.GetUtcNow().UtcDateTime });
            }
            catch (System.Data.Common.DbException)
            {
                // Another instance may have recorded it between the check and the insert; anything else is a fault.
                if (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM DemoSeedRuns WHERE Fingerprint = @fingerprint", new { fingerprint }) == 0)
                {
                    throw;
                }
            }
        }
    }
}
