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
        var folder = Path.Combine(Path.GetTempPath(), "npq-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using (var factory = new NpqWebFactory(new Dictionary<string, string?>
        {
            ["Seed:Demo"] = "true",
            ["Database:SqlitePath"] = Path.Combine(folder, "npq.db"),
            ["Storage:Root"] = Path.Combine(folder, "files"),
        }))
        {
            _ = factory.Server;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
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
            var name = Path.GetFileName(file);
            if (!name.EndsWith("-shm", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(to, name));
            }
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
