using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Moq;
using Npq.Data.Infrastructure;
using Npq.Tests.Support;
using Npq.Web.Infrastructure.DataProtection;

namespace Npq.Tests.Web.Accounts;

/// <summary>The keys that protect cookies, antiforgery tokens and emailed links.</summary>
public sealed class DataProtectionKeysTests
{
    [Test]
    public void ANewKey_UsesAesGcm_AndWhatItProtectsOpensAgain()
    {
        using var factory = new NpqWebFactory();
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Npq.Tests.Keys");

        var sealedText = protector.Protect("candidate 42");

        var keys = factory.Services.GetRequiredService<IKeyManager>().GetAllKeys();
        Assert.That(keys, Is.Not.Empty);
        // The key's stored description names its algorithm (as it is written to the database).
        var description = keys.Single().Descriptor.ExportToXml().SerializedDescriptorElement;
        Assert.That(description.Element("encryption")?.Attribute("algorithm")?.Value, Is.EqualTo(nameof(EncryptionAlgorithm.AES_256_GCM)));
        Assert.That(protector.Unprotect(sealedText), Is.EqualTo("candidate 42"));
    }

    [Test]
    public void AKeyMadeBeforeTheSwitch_InTheOldKeysFolder_IsCopiedIntoTheDatabase_AndStillOpensWhatItProtected()
    {
        // A key written by the previous settings (AES-CBC with HMAC, ASP.NET Core's default, kept in a folder).
        var keys = Path.Combine(Path.GetTempPath(), "npq-tests", Guid.NewGuid().ToString("N"), "keys");
        var before = DataProtectionProvider.Create(new DirectoryInfo(keys), builder => builder.SetApplicationName("Npq"))
            .CreateProtector("Npq.Tests.Keys");
        var sealedText = before.Protect("candidate 42");

        using var factory = new NpqWebFactory(new Dictionary<string, string?> { ["DataProtection:KeysFolder"] = keys });
        var after = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Npq.Tests.Keys");

        Assert.That(after.Unprotect(sealedText), Is.EqualTo("candidate 42"));
        using (var connection = factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync().GetAwaiter().GetResult())
        {
            Assert.That(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM DataProtectionKeys"), Is.GreaterThanOrEqualTo(1), "the folder's key is now in the database");
        }

        Directory.Delete(Path.GetDirectoryName(keys)!, recursive: true);
    }

    [Test]
    public void WhatOneInstanceSealed_AnotherOnTheSameDatabaseOpens_EvenWithAKeyMadeAfterItStarted()
    {
        using var factory = new NpqWebFactory();
        var db = factory.Services.GetRequiredService<IDbConnectionFactory>();
        var other = AnotherInstance(db);
        _ = other.Protect("warm up: the other instance reads the key ring now");

        // This instance makes a new key (as it would every 90 days), which the other instance has never seen.
        var keys = factory.Services.GetRequiredService<IKeyManager>();
        var newKey = keys.CreateNewKey(DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(90));
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Npq.Tests.Keys");
        var sealedText = protector.Protect("candidate 42");

        Assert.That(other.Unprotect(sealedText), Is.EqualTo("candidate 42"));
        Assert.That(AnotherInstance(db).Unprotect(protector.Protect("candidate 43")), Is.EqualTo("candidate 43"));
        Assert.That(newKey.KeyId, Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public void AStoreThatIsNeitherDatabaseNorFolder_StopsTheStart_WithTheSettingNamed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:Store"] = "Cloud" }).Build();
        var environment = new Mock<IWebHostEnvironment>();
        environment.SetupGet(e => e.ContentRootPath).Returns(Path.GetTempPath());

        var failure = Assert.Catch(() => new ServiceCollection().AddNpqDataProtection(configuration, environment.Object));

        Assert.That(failure!.Message, Is.EqualTo("DataProtection:Store must be Database or Folder, not 'Cloud'."));
    }

    /// <summary>A second instance's protector: its own Data Protection over the same database.</summary>
    private static IDataProtector AnotherInstance(IDbConnectionFactory db)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("Npq");
        services.AddOptions<KeyManagementOptions>().Configure(o => o.XmlRepository = new DatabaseKeyRepository(db, TimeProvider.System));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("Npq.Tests.Keys");
    }
}
