using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;

namespace Npq.Core.Enrolment;

/// <summary>What became of creating an account: created, refused because the address is taken, or refused with the store's reasons.</summary>
public sealed record AccountCreation(bool Created, bool DuplicateEmail = false, string? Problem = null);

/// <summary>
/// Password accounts under the site's one password policy (implemented in Npq.Web over ASP.NET Core Identity, whose
/// validators hold the policy: length, unique characters, the common-password list).
/// </summary>
public interface IPasswordAccounts
{
    Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Why the password does not meet the policy, or null when it does.</summary>
    Task<string?> PasswordProblemAsync(AppUser user, string password, CancellationToken cancellationToken = default);

    /// <summary>Stores the user with the password's hash, in the given role.</summary>
    Task<AccountCreation> CreateAsync(AppUser user, string password, string role, CancellationToken cancellationToken = default);
}

/// <summary>The outcome of registering: the new user, or messages keyed by the field they belong to.</summary>
public sealed record RegistrationResult(AppUser? User, IReadOnlyDictionary<string, string> Errors)
{
    public int? UserId => User?.Id;

    public bool Succeeded => User is not null;
}

/// <summary>Creates a candidate's account while they apply; signing them in is the web's part.</summary>
public sealed class CandidateRegistration(IPasswordAccounts accounts, TimeProvider time, ILogger<CandidateRegistration> logger)
{
    public const string DisplayNameField = "DisplayName";
    public const string EmailField = "Email";
    public const string PasswordField = "Password";
    public const int MinimumPasswordLength = 12;
    public const string EmailTaken = "An account already uses this email address: sign in to apply with it.";

    /// <summary>Creates a Candidate account; <paramref name="providerId"/> is the provider whose cohort they apply to.</summary>
    public async Task<RegistrationResult> RegisterAsync(string? displayName, string? email, string? password, int? providerId = null, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        displayName = (displayName ?? string.Empty).Trim();
        email = (email ?? string.Empty).Trim();
        password ??= string.Empty;
        if (displayName.Length == 0)
        {
            errors[DisplayNameField] = "Enter your full name.";
        }
        else if (displayName.Length > 200)
        {
            errors[DisplayNameField] = "Your name must be 200 characters or fewer.";
        }

        if (!EmailRule.IsPlausible(email))
        {
            errors[EmailField] = "Enter an email address like name@school.org.";
        }
        else if (await accounts.EmailTakenAsync(email, cancellationToken))
        {
            errors[EmailField] = EmailTaken;
        }

        var user = new AppUser
        {
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = displayName,
            ProviderId = providerId,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        if (password.Length < MinimumPasswordLength)
        {
            errors[PasswordField] = $"Your password must be at least {MinimumPasswordLength} characters long.";
        }
        else if (await accounts.PasswordProblemAsync(user, password, cancellationToken) is { } problem)
        {
            errors[PasswordField] = problem;
        }

        if (errors.Count > 0)
        {
            return new RegistrationResult(null, errors);
        }

        var created = await accounts.CreateAsync(user, password, Roles.Candidate, cancellationToken);
        if (!created.Created)
        {
            return new RegistrationResult(null, new Dictionary<string, string>
            {
                [created.DuplicateEmail ? EmailField : PasswordField] = created.DuplicateEmail ? EmailTaken : created.Problem ?? string.Empty,
            });
        }

        logger.LogInformation("Account {UserId} registered while applying", user.Id);
        return new RegistrationResult(user, new Dictionary<string, string>());
    }
}
