using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npq.Data.Infrastructure;

namespace Npq.Web.Infrastructure.DataProtection;

/// <summary>
/// Keeps Data Protection's keys in the site's database (<c>DataProtectionKeys</c>), so every instance pointed at it
/// reads what any other protected: a sign-in cookie, an antiforgery token or an emailed link made on one instance
/// works on the next. Data Protection reads the keys when it starts, again when it meets a key it does not know (one
/// made by another instance since), and writes one only when it makes a new key (every 90 days), so these calls are
/// rare and run synchronously, as <see cref="IXmlRepository"/> requires.
/// </summary>
public sealed class DatabaseKeyRepository(IDbConnectionFactory db, TimeProvider time, string? legacyFolder = null) : IXmlRepository
{
    private int _imported;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (legacyFolder is not null && Interlocked.Exchange(ref _imported, 1) == 0)
        {
            ImportFolderOnce(legacyFolder);
        }

        return ReadAll();
    }

    private List<XElement> ReadAll()
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>("SELECT Xml FROM DataProtectionKeys ORDER BY Id").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.OpenForWriteAsync().GetAwaiter().GetResult();

        // Two instances starting together may each make a key; both are kept (under different names), and each reads
        // the other's. The same name twice is the same key written again: keep the first.
        var known = connection.ExecuteScalar<int>("SELECT COUNT(*) FROM DataProtectionKeys WHERE FriendlyName = @friendlyName", new { friendlyName });
        if (known == 0)
        {
            connection.Execute(
                "INSERT INTO DataProtectionKeys (FriendlyName, Xml, CreatedUtc) VALUES (@friendlyName, @xml, @now)",
                new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = time.GetUtcNow().UtcDateTime });
        }
    }

    /// <summary>
    /// Copies keys from the folder earlier versions kept them in into the database, once, when the database has none,
    /// so an upgrade does not sign everyone out or break links already emailed. Runs on the first read.
    /// </summary>
    private int ImportFolderOnce(string folder)
    {
        if (!Directory.Exists(folder) || ReadAll().Count > 0)
        {
            return 0;
        }

        var imported = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            StoreElement(XElement.Load(file), Path.GetFileNameWithoutExtension(file));
            imported++;
        }

        return imported;
    }
}
