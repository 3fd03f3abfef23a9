using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Enrolment;

namespace Npq.Core.Dfe;

/// <summary>What the settings page shows: never the token, only whether one is kept.</summary>
public sealed record DfeSettingsView(string BaseUrl, bool Enabled, bool HasToken, DateTime? LastPullUtc, string? LastPullProblem, DateTime? ApplicationsSyncedUtc, DateTime? ParticipantsSyncedUtc);

/// <summary>A provider admin's connection to DfE: base URL, bearer token (sealed, write-only) and the on/off switch.</summary>
public sealed class DfeSettings(IDfeConnectionRepository connections, IDfeTokenProtector protector, IAuditLog audit, TimeProvider time, ILogger<DfeSettings> logger)
{
    public const string SandboxUrl = "https://sandbox.register-national-professional-qualifications.education.gov.uk";
    public const string ProductionUrl = "https://register-national-professional-qualifications.education.gov.uk";

    public async Task<DfeSettingsView> GetAsync(int providerId, CancellationToken cancellationToken = default)
    {
        var c = await connections.GetAsync(providerId, cancellationToken);
        return c is null
            ? new DfeSettingsView(SandboxUrl, false, false, null, null, null, null)
            : new DfeSettingsView(c.BaseUrl, c.Enabled, c.HasToken, c.LastPullUtc, c.LastPullProblem, c.ApplicationsSyncedUtc, c.ParticipantsSyncedUtc);
    }

    /// <summary>
    /// Saves the connection. An empty token keeps the one stored. The base URL must be https (http only for this
    /// machine, as the fake DfE is); turning it on needs a token. Returns the problems by field (none when saved).
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> SaveAsync(int providerId, string? baseUrl, bool enabled, string? token, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var problems = new List<(string, string)>();
        var url = (baseUrl ?? string.Empty).Trim().TrimEnd('/');
        if (BaseUrlProblem(url) is { } urlProblem)
        {
            problems.Add(("BaseUrl", urlProblem));
        }

        var newToken = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        if (newToken is { Length: > 500 })
        {
            problems.Add(("Token", "The token is at most 500 characters."));
        }

        var current = await connections.GetAsync(providerId, cancellationToken);
        if (enabled && newToken is null && current?.HasToken != true)
        {
            problems.Add(("Token", "Enter the bearer token DfE gave you before turning the sync on."));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await connections.SaveAsync(providerId, url, enabled, newToken is null ? null : protector.Protect(newToken), now, cancellationToken);
        await audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = now, ActorUserId = actor.UserId, Action = "dfe.settings", Subject = $"provider:{providerId}",
            Detail = $"enabled={enabled} token={(newToken is null ? "kept" : "replaced")}", IpAddress = actor.IpAddress,
        }, cancellationToken);
        logger.LogInformation("DfE connection of provider {ProviderId} saved by {UserId} (enabled: {Enabled})", providerId, actor.UserId, enabled);
        return [];
    }

    /// <summary>Where and as whom to call DfE for the provider, or null when the sync is off or the token cannot be unsealed.</summary>
    public async Task<DfeEndpoint?> EndpointAsync(int providerId, CancellationToken cancellationToken = default)
    {
        var c = await connections.GetAsync(providerId, cancellationToken);
        if (c is not { Enabled: true, ProtectedToken: { } sealedToken })
        {
            return null;
        }

        return protector.Unprotect(sealedToken) is { } token ? new DfeEndpoint(providerId, c.BaseUrl, token) : null;
    }

    public static string? BaseUrlProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url.Length > 500)
        {
            return $"Enter DfE's address, such as {SandboxUrl}.";
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            return "DfE's address must start with https:// (http is only for a fake DfE on this machine).";
        }

        return !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) ? "Enter the address without ? or #." : null;
    }
}
