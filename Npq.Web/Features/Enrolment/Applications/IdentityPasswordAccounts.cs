using Microsoft.AspNetCore.Identity;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;

namespace Npq.Web.Features.Enrolment.Applications;

/// <summary>
/// Password accounts through Identity's UserManager, so an applicant's password meets the same policy as everyone's
/// (length, unique characters, the common-password list). The rules of registering are in <see cref="CandidateRegistration"/>.
/// </summary>
public sealed class IdentityPasswordAccounts(UserManager<AppUser> userManager) : IPasswordAccounts
{
    public async Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken = default) =>
        await userManager.FindByEmailAsync(email) is not null;

    public async Task<string?> PasswordProblemAsync(AppUser user, string password, CancellationToken cancellationToken = default)
    {
        foreach (var validator in userManager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(userManager, user, password);
            if (!result.Succeeded)
            {
                return string.Join(" ", result.Errors.Select(e => e.Description));
            }
        }

        return null;
    }

    public async Task<AccountCreation> CreateAsync(AppUser user, string password, string role, CancellationToken cancellationToken = default)
    {
        IdentityResult created;
        try
        {
            created = await userManager.CreateAsync(user, password);
        }
        catch (System.Data.Common.DbException)
        {
            // Two registrations with one address at once: the unique index lets only one through.
            created = IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail" });
        }

        if (!created.Succeeded)
        {
            return new AccountCreation(false, created.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal)), string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await userManager.AddToRoleAsync(user, role);
        return new AccountCreation(true);
    }
}
