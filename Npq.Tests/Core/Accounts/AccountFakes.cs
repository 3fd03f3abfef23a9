using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Notifications;

namespace Npq.Tests.Core.Accounts;

/// <summary>Moq fakes of what the account use cases depend on, with the audit entries and emails they produced.</summary>
public sealed class AccountFakes
{
    public static readonly DateTimeOffset Now = new(2026, 10, 5, 9, 30, 0, TimeSpan.Zero);

    public Mock<IAccountIdentity> Identity { get; } = new();
    public Mock<IUserRepository> Users { get; } = new();
    public Mock<IAuditLog> AuditLog { get; } = new();
    public Mock<IEmailSender> Email { get; } = new();
    public FakeTimeProvider Time { get; } = new(Now);
    public List<AuditEntry> Audited { get; } = [];
    public List<EmailMessage> Sent { get; } = [];

    public AccountFakes()
    {
        Identity.SetupGet(i => i.Policy).Returns(new AccountPolicy(5, TimeSpan.FromMinutes(15), 12, 4));
        Identity.Setup(i => i.CreateLinkTokenAsync(It.IsAny<AppUser>(), It.IsAny<AccountLink>())).ReturnsAsync("to+ken/1");
        Identity.Setup(i => i.UpdateAsync(It.IsAny<AppUser>())).ReturnsAsync(AccountResult.Success);
        Identity.Setup(i => i.UpdateSecurityStampAsync(It.IsAny<AppUser>())).ReturnsAsync(AccountResult.Success);
        Identity.Setup(i => i.CreateAsync(It.IsAny<AppUser>())).ReturnsAsync(AccountResult.Success);
        Users.Setup(u => u.GetRolesAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        AuditLog.Setup(a => a.WriteAsync(It.IsAny<AuditEntry>(), It.IsAny<CancellationToken>()))
            .Callback<AuditEntry, CancellationToken>((entry, _) => Audited.Add(entry)).Returns(Task.CompletedTask);
        Email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((message, _) => Sent.Add(message)).Returns(Task.CompletedTask);
    }

    public AccountAudit Audit => new(AuditLog.Object, Time);

    public AccountMail Mail(AccountMailOptions? options = null) =>
        new(Identity.Object, Email.Object, Options.Create(options ?? new AccountMailOptions { PublicBaseUrl = "https://npq.example.org/" }));

    public AccountSignIn SignIn() => new(Identity.Object, Users.Object, Audit, NullLogger<AccountSignIn>.Instance);

    public AccountPasswords Passwords() => new(Identity.Object, Users.Object, Mail(), Audit, NullLogger<AccountPasswords>.Instance);

    public UserAdministration Administration() => new(Identity.Object, Users.Object, Mail(), Audit, Time, new InlineWrites(), NullLogger<UserAdministration>.Instance);

    /// <summary>A person the repository and Identity both know.</summary>
    public AppUser Person(int id, string email, bool active = true, string? passwordHash = "hash", int? providerId = 1)
    {
        var user = new AppUser { Id = id, Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Person " + id, IsActive = active, PasswordHash = passwordHash, ProviderId = providerId };
        Users.Setup(u => u.FindByIdAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        Users.Setup(u => u.FindByNormalizedEmailAsync(user.NormalizedEmail, It.IsAny<CancellationToken>())).ReturnsAsync(user);
        Identity.Setup(i => i.FindByEmailAsync(email)).ReturnsAsync(user);
        return user;
    }
}
