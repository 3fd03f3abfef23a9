namespace Npq.Web.Infrastructure.Email;

/// <summary>The <c>Email</c> configuration section.</summary>
public sealed class EmailOptions
{
    /// <summary>"Pickup" (default: each message an .eml file in <see cref="PickupFolder"/>) or "Smtp".</summary>
    public string Mode { get; set; } = "Pickup";

    public string PickupFolder { get; set; } = "App_Data/mail";

    public string From { get; set; } = "Npq <no-reply@npq.example>";

    /// <summary>Absolute base of links in emails, e.g. https://npq.example.org.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary><c>StartTls</c> (default: STARTTLS required, usually port 587), <c>Implicit</c> (TLS from the start, usually 465) or <c>None</c>.</summary>
    public string SmtpSecurity { get; set; } = "StartTls";

    public int SmtpTimeoutSeconds { get; set; } = 30;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }
}
