using Npq.Core.Accounts;

namespace Npq.Web.Demo;

/// <summary>
/// Demo accounts in the states the admin pages show: one invited person who has not set a password yet, and one
/// deactivated former mentor (kept, never deleted). Idempotent.
/// </summary>
public sealed class AccountsDemoSeed(IUserRepository users) : IDemoSeedStep
{
    public const string InvitedEmail = "invited.mentor@npq.example";
    public const string DeactivatedEmail = "former.mentor@npq.example";

    public int Order => 10;

    public async Task SeedAsync(DemoSeedContext context)
    {
        await EnsureAsync(context, InvitedEmail, "Olu Adeyemi", isActive: true);
        await EnsureAsync(context, DeactivatedEmail, "Dan Whitfield", isActive: false);
    }

    private async Task EnsureAsync(DemoSeedContext context, string email, string name, bool isActive)
    {
        var normalized = email.ToUpperInvariant();
        if (await users.FindByNormalizedEmailAsync(normalized) is not null)
        {
            return;
        }

        var user = new AppUser
        {
            Email = email,
            NormalizedEmail = normalized,
            DisplayName = name,
            IsActive = isActive,
            ProviderId = context.ProviderId,
            CreatedUtc = context.NowUtc,
        };
        await users.CreateAsync(user);
        await users.AddToRoleAsync(user.Id, Roles.Mentor);
    }
}
