using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Notifications;
using Npq.Web.Infrastructure.Email;

namespace Npq.Web.Features.Accounts.Account;

/// <summary>Emails password-reset and invitation links (absolute, on <c>Email:PublicBaseUrl</c>).</summary>
public sealed class AccountMail(UserManager<AppUser> userManager, IEmailSender email, IOptions<EmailOptions> options, IConfiguration configuration)
{
    public async Task SendResetLinkAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        var link = Link("/account/reset-password", user.Id, token);
        var hours = configuration.GetValue("Account:ResetLinkHours", 2.0);
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
        var token = await userManager.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        var link = Link("/account/invitation", user.Id, token);
        var days = configuration.GetValue("Account:InvitationDays", 7.0);
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
