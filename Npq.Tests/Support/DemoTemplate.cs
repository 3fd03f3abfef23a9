using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Files;
using Npq.Web.Demo;

namespace Npq.Tests.Support;

/// <summary>
/// One database migrated and seeded with the demo data, with the files the seed stored, made once per test run by
/// starting the application over an empty folder, and copied into the work folder of each <see cref="NpqWebFactory"/>
/// that would have produced the same thing. A factory does not fit when it turns the seed off, points the database,
/// files or keys elsewhere, or replaces a service the seed depends on (its clock, its file store, its steps): those
/// still start from nothing.
/// </summary>
internal static class DemoTemplate
{
    private static readonly string[] SettingsThatShapeTheData =
        ["Seed:Demo", "Database:Provider", "Database:SqlitePath", "Storage:Root", "Storage:Provider", "Storage:AzureBlob:Container", "DataProtection:KeysFolder", "Content:Path"];

    private static readonly Type[] ServicesThatShapeTheData = [typeof(TimeProvider), typeof(IFileStore), typeof(IDemoSeedStep), typeof(DemoSeeder)];

    private static readonly Lazy<string> Folder = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool Fits(IDictionary<string, string?>? settings, Action<IServiceCollection>? configureServices)
    {
        if (settings is not null && settings.Keys.Any(k => SettingsThatShapeTheData.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (configureServices is null)
        {
            return true;
        }

        var probe = new ServiceCollection();
        configureServices(probe);
        // ASP.NET Core's AddAuthentication registers the system clock (TimeProvider.System): that changes nothing.
        return !probe.Any(d => ServicesThatShapeTheData.Contains(d.ServiceType)
            && !(d.ServiceType == typeof(TimeProvider) && ReferenceEquals(d.ImplementationInstance, TimeProvider.System)));
    }

    /// <summary>Copies the template's database and stored files into the folder.</summary>
    public static void CopyTo(string workFolder)
    {
        var template = Folder.Value;
        CopyTree(template, workFolder);
    }

    private static string Make()
    {
        var root = Path.Combine(Path.GetTempPath(), "npq-tests", "template-" + Guid.NewGuid().ToString("N"));
        var seeded = Path.Combine(root, "seeded");
        var folder = Path.Combine(root, "copy");
        Directory.CreateDirectory(seeded);
        using (var factory = new NpqWebFactory(new Dictionary<string, string?>
        {
            ["Seed:Demo"] = "true",
            ["Database:SqlitePath"] = Path.Combine(seeded, "npq.db"),
            ["Storage:Root"] = Path.Combine(seeded, "files"),
        }))
        {
            factory.Start();
        }

        // The copies come from a snapshot that no connection ever opens. The seeded database itself is in WAL mode, and
        // a connection its site still held is closed whenever a later factory clears SQLite's pools: that last close
        // checkpoints the log into the database and deletes it, which a copy taken at that moment would catch halfway
        // (a torn database, or a log listed and then gone).
        Directory.CreateDirectory(folder);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(seeded, "npq.db"), Pooling = false }.ToString()))
        {
            connection.Open();
            using var snapshot = connection.CreateCommand();
            snapshot.CommandText = "VACUUM INTO $to";
            snapshot.Parameters.AddWithValue("$to", Path.Combine(folder, "npq.db"));
            snapshot.ExecuteNonQuery();
        }

        if (Directory.Exists(Path.Combine(seeded, "files")))
        {
            CopyTree(Path.Combine(seeded, "files"), Path.Combine(folder, "files"));
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans its temp folder.
            }
        };
        return folder;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
