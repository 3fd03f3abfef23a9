using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npq.Tests.Support;

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
        // The key's stored description names its algorithm (as it is written to the keys folder).
        var description = keys.Single().Descriptor.ExportToXml().SerializedDescriptorElement;
        Assert.That(description.Element("encryption")?.Attribute("algorithm")?.Value, Is.EqualTo(nameof(EncryptionAlgorithm.AES_256_GCM)));
        Assert.That(protector.Unprotect(sealedText), Is.EqualTo("candidate 42"));
    }

    [Test]
    public void AKeyMadeBeforeTheSwitch_StillOpensWhatItProtected()
    {
        // A key written by the previous setting (AES-CBC with HMAC, ASP.NET Core's default) stays in the folder.
        var keys = Path.Combine(Path.GetTempPath(), "npq-tests", Guid.NewGuid().ToString("N"), "keys");
        var before = DataProtectionProvider.Create(new DirectoryInfo(keys), builder => builder.SetApplicationName("Npq"))
            .CreateProtector("Npq.Tests.Keys");
        var sealedText = before.Protect("candidate 42");

        using var factory = new NpqWebFactory(new Dictionary<string, string?> { ["DataProtection:KeysFolder"] = keys });
        var after = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Npq.Tests.Keys");

        Assert.That(after.Unprotect(sealedText), Is.EqualTo("candidate 42"));
        Directory.Delete(Path.GetDirectoryName(keys)!, recursive: true);
    }
}
