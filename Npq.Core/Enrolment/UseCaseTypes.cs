using Npq.Core.Accounts;

namespace Npq.Core.Enrolment;

/// <summary>Who acts, and from where (the audit log keeps the address).</summary>
public sealed record ActingUser(int UserId, string? IpAddress = null);

/// <summary>The provider's mentors who can be chosen: active users in the Mentor role of that provider.</summary>
public sealed class ProviderMentors(IUserRepository users)
{
    public async Task<IReadOnlyList<CohortPerson>> ListAsync(int providerId, CancellationToken cancellationToken = default) =>
        (await ActiveAsync(providerId, cancellationToken)).Select(u => new CohortPerson(u.Id, u.DisplayName)).ToList();

    /// <summary>The same mentors, by normalised email (how an import names them).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ByNormalizedEmailAsync(int providerId, CancellationToken cancellationToken = default) =>
        (await ActiveAsync(providerId, cancellationToken)).ToDictionary(u => u.NormalizedEmail, u => u.Id);

    public async Task<bool> IsMentorAsync(int providerId, int userId, CancellationToken cancellationToken = default) =>
        (await ActiveAsync(providerId, cancellationToken)).Any(u => u.Id == userId);

    private async Task<IEnumerable<AppUser>> ActiveAsync(int providerId, CancellationToken cancellationToken) =>
        (await users.GetUsersInRoleAsync(Roles.Mentor, cancellationToken)).Where(u => u.ProviderId == providerId && u.IsActive);
}

/// <summary>An email address plausible enough to write to: the one rule for applicants, imports and accounts made on the way.</summary>
public static class EmailRule
{
    public const int MaxLength = 254;

    public static bool IsPlausible(string email) =>
        email.Length is > 0 and <= MaxLength && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) && email.Contains('.', StringComparison.Ordinal);
}
