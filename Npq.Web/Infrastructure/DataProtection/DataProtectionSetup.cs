using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npq.Data.Infrastructure;

namespace Npq.Web.Infrastructure.DataProtection;

/// <summary>
/// Data Protection, which seals sign-in cookies, antiforgery tokens, TempData and emailed links. Its keys live in the
/// database by default (<c>DataProtection:Store</c> = Database), so every instance reads what any other sealed and a
/// restart or a new instance signs no one out; <c>DataProtection:Store</c> = Folder keeps them in
/// <c>DataProtection:KeysFolder</c> instead (a folder every instance must share). Keys an earlier version kept in that
/// folder are copied into the database the first time it has none. New keys use AES-256-GCM, which authenticates as it
/// encrypts (the default pairs AES-CBC with a separate HMAC and takes about a third longer on every cookie and token);
/// a key made earlier keeps the algorithm it was made with, so what it protected still opens.
/// </summary>
public static class DataProtectionSetup
{
    public static IServiceCollection AddNpqDataProtection(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var store = configuration["DataProtection:Store"];
        if (!string.IsNullOrWhiteSpace(store) && !store.Equals("Database", StringComparison.OrdinalIgnoreCase) && !InFolder(configuration))
        {
            throw new InvalidOperationException($"DataProtection:Store must be Database or Folder, not '{store}'.");
        }

        var keysFolder = configuration["DataProtection:KeysFolder"];
        keysFolder = string.IsNullOrWhiteSpace(keysFolder) ? Path.Combine("App_Data", "keys") : keysFolder;
        if (!Path.IsPathRooted(keysFolder))
        {
            keysFolder = Path.Combine(environment.ContentRootPath, keysFolder);
        }

        var builder = services.AddDataProtection().SetApplicationName("Npq")
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
        if (InFolder(configuration))
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
        }
        else
        {
            services.AddSingleton(sp => new DatabaseKeyRepository(sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<TimeProvider>(), keysFolder));
            services.AddOptions<KeyManagementOptions>().Configure<DatabaseKeyRepository>((options, keys) => options.XmlRepository = keys);
        }

        return services;
    }

    /// <summary>Whether the keys are kept in a folder rather than the database.</summary>
    public static bool InFolder(IConfiguration configuration) =>
        string.Equals(configuration["DataProtection:Store"], "Folder", StringComparison.OrdinalIgnoreCase);
}
