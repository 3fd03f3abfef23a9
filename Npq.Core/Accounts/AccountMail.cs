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
    public Task SendResetLinkAsync(AppUser user, CancellationToken cancellationToken = default) =>
        SendLinkAsync(user, AccountLink.PasswordReset, "/account/reset-password", "Reset your Npq password", link => $"""
            Hello {user.DisplayName},

            Someone (we hope you) asked to reset the password of your Npq account.
            Choose a new password here: {link}

            The link works once and for {options.Value.ResetLinkHours:0.#} hours. If you did not ask, ignore this email: your password stays as it is.
            """, cancellationToken);

    public Task SendInvitationAsync(AppUser user, CancellationToken cancellationToken = default) =>
        SendLinkAsync(user, AccountLink.Invitation, "/account/invitation", "Your invitation to Npq", link => $"""
            Hello {user.DisplayName},

            You have been invited to Npq, the learning platform for your National Professional Qualification.
            Set your password and sign in here: {link}

            The link works once and for {options.Value.InvitationDays:0.#} days. If it has expired, ask your provider's administrator for a new one.
            """, cancellationToken);

    private async Task SendLinkAsync(AppUser user, AccountLink kind, string path, string subject, Func<string, string> body, CancellationToken cancellationToken)
    {
        var token = await identity.CreateLinkTokenAsync(user, kind);
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}{path}?userId={user.Id}&token={Uri.EscapeDataString(token)}";
        await email.SendAsync(new EmailMessage(user.Email, subject, body(link)), cancellationToken);
    }
}
