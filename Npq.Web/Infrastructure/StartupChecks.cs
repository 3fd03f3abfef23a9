using System.Net.Mail;
using Dapper;
using Microsoft.Extensions.Options;
using Npq.Core.Files;
using Npq.Data.Infrastructure;
using Npq.Web.Infrastructure.Email;

namespace Npq.Web.Infrastructure;

/// <summary>
/// What is checked before the site serves anyone, so a wrong deployment stops at once with a message that says what
/// to fix, instead of failing later for one person: the settings (each validated when the host starts) and the IANA
/// time zone data every time on the site is shown with (a container without tzdata would otherwise show every cohort's
/// deadlines in UTC). After the migrations, each zone a cohort, school or person holds is checked to resolve.
/// </summary>
public static class StartupChecks
{
    private static readonly string[] ZonesThatMustResolve = ["Europe/London", "Asia/Dubai", "America/New_York", "Australia/Sydney"];

    public static IServiceCollection AddNpqStartupChecks(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<EmailOptions>().ValidateOnStart();
        services.AddOptions<StorageOptions>().ValidateOnStart();
        return services;
    }

    /// <summary>Null when the time zone data is present; otherwise what is wrong and how to fix it.</summary>
    public static string? TimeZoneDataProblem()
    {
        var missing = ZonesThatMustResolve.Where(z => !TimeZoneInfo.TryFindSystemTimeZoneById(z, out _)).ToList();
        return missing.Count == 0
            ? null
            : $"The IANA time zone data is missing ({string.Join(", ", missing)} do not resolve). Install it (Debian and Ubuntu: the tzdata package) "
              + "or run with ICU and time zone data available; without it every time would be shown in UTC.";
    }

    /// <summary>Stops the start when the zone data is missing; logs every stored zone that does not resolve.</summary>
    public static async Task CheckTimeZonesAsync(this WebApplication app)
    {
        if (TimeZoneDataProblem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        const string sql = """
            SELECT 'cohort' AS Holder, TimeZone, COUNT(*) AS Holders FROM Cohorts GROUP BY TimeZone
            UNION ALL SELECT 'school', TimeZone, COUNT(*) FROM Schools GROUP BY TimeZone
            UNION ALL SELECT 'person', TimeZone, COUNT(*) FROM Users WHERE TimeZone IS NOT NULL GROUP BY TimeZone
            """;
        var db = app.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync();
        foreach (var row in await connection.QueryAsync<StoredZone>(sql))
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(row.TimeZone, out _))
            {
                app.Logger.LogError(
                    "Time zone {TimeZone} held by {Holders} {Holder} record(s) does not resolve: their times are shown in UTC until it is corrected",
                    row.TimeZone, row.Holders, row.Holder);
            }
        }
    }

    private sealed class StoredZone
    {
        public string Holder { get; init; } = string.Empty;
        public string TimeZone { get; init; } = string.Empty;
        public long Holders { get; init; }
    }

    private sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options)
        {
            var problems = new List<string>();
            var smtp = string.Equals(options.Mode, "Smtp", StringComparison.OrdinalIgnoreCase);
            if (!smtp && !string.Equals(options.Mode, "Pickup", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"Email:Mode is \"{options.Mode}\"; use Pickup (messages as files) or Smtp.");
            }

            if (smtp && string.IsNullOrWhiteSpace(options.SmtpHost))
            {
                problems.Add("Email:Mode is Smtp but Email:SmtpHost is not set: name the mail server.");
            }

            if (smtp && options.SmtpPort is < 1 or > 65535)
            {
                problems.Add($"Email:SmtpPort is {options.SmtpPort}; use a port from 1 to 65535 (587 for STARTTLS, 465 for TLS).");
            }

            if (smtp && string.IsNullOrEmpty(options.SmtpUser) != string.IsNullOrEmpty(options.SmtpPassword))
            {
                problems.Add("Set both Email:SmtpUser and Email:SmtpPassword, or neither.");
            }

            if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                problems.Add($"Email:PublicBaseUrl is \"{options.PublicBaseUrl}\"; links in emails need the site's absolute address, e.g. https://npq.example.org.");
            }

            if (!MailAddress.TryCreate(options.From, out _))
            {
                problems.Add($"Email:From is \"{options.From}\", which is not an email address (e.g. Npq <no-reply@npq.example.org>).");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }

    private sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            var problems = new List<string>();
            if (options.MaxFileBytes <= 0)
            {
                problems.Add($"Storage:MaxFileBytes is {options.MaxFileBytes}; use a positive number of bytes (20971520 is 20 MB).");
            }

            if (options.UsesAzureBlob)
            {
                problems.AddRange(AzureBlobProblems(options.AzureBlob));
            }
            else if (!string.Equals(options.Provider, StorageOptions.LocalProvider, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"Storage:Provider is \"{options.Provider}\"; use Local (a folder, Storage:Root) or AzureBlob (Storage:AzureBlob:*).");
            }
            else if (string.IsNullOrWhiteSpace(options.Root))
            {
                problems.Add("Storage:Root is empty: name the folder uploaded files are kept in.");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        private static IEnumerable<string> AzureBlobProblems(AzureBlobStorageOptions blob)
        {
            var hasConnectionString = !string.IsNullOrWhiteSpace(blob.ConnectionString);
            var hasUri = !string.IsNullOrWhiteSpace(blob.ServiceUri);
            if (!hasConnectionString && !hasUri)
            {
                yield return "Storage:Provider is AzureBlob but neither Storage:AzureBlob:ConnectionString nor Storage:AzureBlob:ServiceUri is set: "
                    + "give the storage account's connection string, or its blob endpoint (https://<account>.blob.core.windows.net) to reach it with the machine's Azure identity.";
            }
            else if (hasConnectionString && hasUri)
            {
                yield return "Set Storage:AzureBlob:ConnectionString or Storage:AzureBlob:ServiceUri, not both.";
            }
            else if (hasConnectionString && !IsConnectionString(blob.ConnectionString!))
            {
                yield return "Storage:AzureBlob:ConnectionString is not a storage connection string (expected e.g. DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net).";
            }
            else if (hasUri && (!Uri.TryCreate(blob.ServiceUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return $"Storage:AzureBlob:ServiceUri is \"{blob.ServiceUri}\"; use the account's https blob endpoint, e.g. https://npqfiles.blob.core.windows.net.";
            }

            if (!IsContainerName(blob.Container))
            {
                yield return $"Storage:AzureBlob:Container is \"{blob.Container}\"; a container name is 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.";
            }
        }

        private static bool IsConnectionString(string value)
        {
            try
            {
                _ = new Azure.Storage.Blobs.BlobServiceClient(value);
                return true;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                return false;
            }
        }

        private static bool IsContainerName(string? name) =>
            name is { Length: >= 3 and <= 63 }
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
    }
}
