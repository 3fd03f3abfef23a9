using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Npq.Core.Accounts;
using Npq.Data.Accounts;

namespace Npq.Web.Features.Applications;

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

/// <summary>Registration over the user repository and Identity's password hasher.</summary>
public sealed class AccountRegistration(
    UserRepository users,
    IPasswordHasher<AppUser> passwordHasher,
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
        else if (await users.FindByNormalizedEmailAsync(email.ToUpperInvariant(), cancellationToken) is not null)
        {
            errors[IAccountRegistration.EmailField] = "An account already uses this email address: sign in to apply with it.";
        }

        if (password.Length < IAccountRegistration.MinimumPasswordLength)
        {
            errors[IAccountRegistration.PasswordField] = $"Your password must be at least {IAccountRegistration.MinimumPasswordLength} characters long.";
        }
        else if (password.Contains(email, StringComparison.OrdinalIgnoreCase) && email.Length > 0)
        {
            errors[IAccountRegistration.PasswordField] = "Your password must not contain your email address.";
        }

        if (errors.Count > 0)
        {
            return new RegistrationResult(null, errors);
        }

        var user = new AppUser
        {
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = displayName,
            ProviderId = providerId,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = passwordHasher.HashPassword(user, password);
        try
        {
            await users.CreateAsync(user, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // Two registrations with one address at once: the unique index lets only one through.
            return new RegistrationResult(null, new Dictionary<string, string>
            {
                [IAccountRegistration.EmailField] = "An account already uses this email address: sign in to apply with it.",
            });
        }

        await users.AddToRoleAsync(user.Id, Roles.Candidate, cancellationToken);
        logger.LogInformation("Account {UserId} registered while applying", user.Id);
        return new RegistrationResult(user.Id, new Dictionary<string, string>());
    }

    public async Task SignInAsync(HttpContext httpContext, int userId)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
        };
        claims.AddRange((await users.GetRolesAsync(user.Id)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await httpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }
}
