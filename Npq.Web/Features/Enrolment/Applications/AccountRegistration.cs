using Npq.Web.Infrastructure.Authentication;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Npq.Core.Accounts;

namespace Npq.Web.Features.Enrolment.Applications;

/// <summary>The outcome of registering: the new user's id, or messages keyed by the field they belong to.</summary>
public sealed record RegistrationResult(int? UserId, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => UserId is not null;
}

/// <summary>
/// Creates a candidate's account while they apply, and signs them in. The accounts feature will later point this at
/// Identity's UserManager; the contract (fields, errors, claims) stays the same.
/// </summary>
public interface IAccountRegistration
{
    public const string DisplayNameField = "DisplayName";
    public const string EmailField = "Email";
    public const string PasswordField = "Password";
    public const int MinimumPasswordLength = 12;

    /// <summary>Creates a Candidate account; <paramref name="providerId"/> is the provider whose cohort they apply to.</summary>
    Task<RegistrationResult> RegisterAsync(string displayName, string email, string password, int? providerId = null, CancellationToken cancellationToken = default);

    /// <summary>Signs the person in with the site's cookie, carrying the claims <c>Infrastructure/CurrentUser</c> describes.</summary>
    Task SignInAsync(HttpContext httpContext, int userId);
}

/// <summary>
/// Registration through Identity's UserManager, so an applicant's password meets the same policy as everyone's
/// (length, unique characters, the common-password list), and sign-in through the accounts feature's sessions.
/// </summary>
public sealed class AccountRegistration(
    UserManager<AppUser> userManager,
    AccountSessions sessions,
    TimeProvider time,
    ILogger<AccountRegistration> logger) : IAccountRegistration
{
    public async Task<RegistrationResult> RegisterAsync(string displayName, string email, string password, int? providerId = null, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        displayName = (displayName ?? string.Empty).Trim();
        email = (email ?? string.Empty).Trim();
        password ??= string.Empty;
        if (displayName.Length == 0)
        {
            errors[IAccountRegistration.DisplayNameField] = "Enter your full name.";
        }
        else if (displayName.Length > 200)
        {
            errors[IAccountRegistration.DisplayNameField] = "Your name must be 200 characters or fewer.";
        }

        if (email.Length == 0 || email.Length > 254 || !new EmailAddressAttribute().IsValid(email) || !email.Contains('.', StringComparison.Ordinal))
        {
            errors[IAccountRegistration.EmailField] = "Enter an email address like name@school.org.";
        }
        else if (await userManager.FindByEmailAsync(email) is not null)
        {
            errors[IAccountRegistration.EmailField] = "An account already uses this email address: sign in to apply with it.";
        }

        var user = new AppUser
        {
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = displayName,
            ProviderId = providerId,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        if (password.Length < IAccountRegistration.MinimumPasswordLength)
        {
            errors[IAccountRegistration.PasswordField] = $"Your password must be at least {IAccountRegistration.MinimumPasswordLength} characters long.";
        }
        else
        {
            foreach (var validator in userManager.PasswordValidators)
            {
                var result = await validator.ValidateAsync(userManager, user, password);
                if (!result.Succeeded)
                {
                    errors[IAccountRegistration.PasswordField] = string.Join(" ", result.Errors.Select(e => e.Description));
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            return new RegistrationResult(null, errors);
        }

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
            var duplicate = created.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal));
            return new RegistrationResult(null, new Dictionary<string, string>
            {
                [duplicate ? IAccountRegistration.EmailField : IAccountRegistration.PasswordField] = duplicate
                    ? "An account already uses this email address: sign in to apply with it."
                    : string.Join(" ", created.Errors.Select(e => e.Description)),
            });
        }

        await userManager.AddToRoleAsync(user, Roles.Candidate);
        logger.LogInformation("Account {UserId} registered while applying", user.Id);
        return new RegistrationResult(user.Id, new Dictionary<string, string>());
    }

    public async Task SignInAsync(HttpContext httpContext, int userId)
    {
        var user = await userManager.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture)) ?? throw new InvalidOperationException("No such user");
        await sessions.SignInAsync(httpContext, user, httpContext.RequestAborted);
    }
}
