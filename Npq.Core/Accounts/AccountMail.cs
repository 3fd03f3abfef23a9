using Microsoft.Extensions.Options;
using Npq.Core.Notifications;

namespace Npq.Core.Accounts;

/// <summary>Where emailed links point and how long they work.</summary>
public sealed class AccountMailOptions
{
    /// <summary>Absolute base of links in emails (<c>Email:PublicBaseUrl</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary><c>Account:ResetLinkHours</c>.</summary>
    public double ResetLinkHours { get; set; } = 2.0;

    /// <summary><c>Account:InvitationDays</c>.</summary>
    public double InvitationDays { get; set; } = 7.0;
}

/// <summary>Emails password-reset and invitation links (absolute, on <see cref="AccountMailOptions.PublicBaseUrl"/>).</summary>
public sealed class AccountMail(IAccountIdentity identity, IEmailSender email, IOptions<AccountMailOptions> options)
{
    public async Task SendResetLinkAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        var token = await identity.CreateLinkTokenAsync(user, AccountLink.PasswordReset);
        var link = Link("/account/reset-password", user.Id, token);
        var hours = options.Value.ResetLinkHours;
        var body = $"""
            Hello {user.DisplayName},

            Someone (we hope you) asked to reset the password of your Npq account.
            Choose a new password here: {link}

            The link works once and for {hours:0.#} hours. If you did not ask, ignore this email: your password stays as it is.
            """;
        await email.SendAsync(new EmailMessage(user.Email, "Reset your Npq password", body), cancellationToken);
    }

    public async Task SendInvitationAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        var token = await identity.CreateLinkTokenAsync(user, AccountLink.Invitation);
        var link = Link("/account/invitation", user.Id, token);
        var days = options.Value.InvitationDays;
        var body = $"""
            Hello {user.DisplayName},

            You have been invited to Npq, the learning platform for your National Professional Qualification.
            Set your password and sign in here: {link}

            The link works once and for {days:0.#} days. If it has expired, ask your provider's administrator for a new one.
            """;
        await email.SendAsync(new EmailMessage(user.Email, "Your invitation to Npq", body), cancellationToken);
    }

    private string Link(string path, int userId, string token) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}{path}?userId={userId}&token={Uri.EscapeDataString(token)}";
}
