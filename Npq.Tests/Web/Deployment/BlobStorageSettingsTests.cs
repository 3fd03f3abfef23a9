using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npq.Core.Files;
using Npq.Web.Infrastructure;

namespace Npq.Tests.Web.Deployment;

/// <summary>File storage settings that cannot work stop the start with a message that says what to fix.</summary>
public sealed class BlobStorageSettingsTests
{
    private const string Azurite = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    private static Exception? Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddNpqStartupChecks();
        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [TestCase("neither Storage:AzureBlob:ConnectionString nor Storage:AzureBlob:ServiceUri is set", null, null, null)]
    [TestCase("not both", Azurite, "https://npqfiles.blob.core.windows.net", null)]
    [TestCase("Storage:AzureBlob:ConnectionString is not a storage connection string", "Server=db;Database=npq", null, null)]
    [TestCase("use the account's https blob endpoint", null, "http://npqfiles.blob.core.windows.net", null)]
    [TestCase("Storage:AzureBlob:Container is \"Npq_Files\"", Azurite, null, "Npq_Files")]
    public void AzureBlob_WithSettingsThatCannotWork_StopsTheStartSayingWhatToFix(string expected, string? connectionString, string? serviceUri, string? container)
    {
        var failure = Validate(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = connectionString,
            ["Storage:AzureBlob:ServiceUri"] = serviceUri,
            ["Storage:AzureBlob:Container"] = container ?? AzureBlobStorageOptions.DefaultContainer,
        });

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.Message, Does.Contain(expected));
        Assert.That(failure.Message, Does.Not.Contain("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1"), "a key is never repeated in a message");
    }

    [Test]
    public void AnUnknownProvider_IsRefusedNamingTheChoices()
    {
        var failure = Validate(new Dictionary<string, string?> { ["Storage:Provider"] = "S3" });

        Assert.That(failure, Is.InstanceOf<OptionsValidationException>());
        Assert.That(failure!.Message, Does.Contain("Storage:Provider is \"S3\"").And.Contain("AzureBlob"));
    }

    [TestCase(Azurite, null)]
    [TestCase(null, "https://npqfiles.blob.core.windows.net")]
    public void AzureBlob_WithAConnectionStringOrAnAccountUri_Passes(string? connectionString, string? serviceUri)
    {
        var failure = Validate(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "azureblob",
            ["Storage:AzureBlob:ConnectionString"] = connectionString,
            ["Storage:AzureBlob:ServiceUri"] = serviceUri,
        });

        Assert.That(failure, Is.Null);
    }
}
