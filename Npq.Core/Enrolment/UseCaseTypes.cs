using Npq.Core.Accounts;

namespace Npq.Core.Enrolment;

/// <summary>Who acts, and from where (the audit log keeps the address).</summary>
public sealed record ActingUser(int UserId, string? IpAddress = null);

/// <summary>
/// The provider's mentors who can be chosen: active users in the Mentor role of that provider, read through
/// <see cref="ProviderStaff"/> (every read scoped to the provider in SQL); a page offers the few it already shows
/// (<see cref="AmongAsync"/>) and names any other by email (<see cref="FindByEmailAsync"/>), never the provider's whole list.
/// </summary>
public sealed class ProviderMentors(IUserRepository users)
{
    private static readonly string[] MentorRole = [Roles.Mentor];
    private readonly ProviderStaff staff = new(users);

    /// <summary>Every one of the provider's mentors, by normalised email (how an import names them).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ByNormalizedEmailAsync(int providerId, CancellationToken cancellationToken = default) =>
        (await users.GetActiveInRoleAsync(providerId, Roles.Mentor, null, cancellationToken)).ToDictionary(u => u.NormalizedEmail, u => u.Id);

    /// <summary>
    /// Of the people given (the mentors a page already shows), the provider's active mentors, by name: one query for
    /// those people, never the provider's whole list.
    /// </summary>
    public async Task<IReadOnlyList<CohortPerson>> AmongAsync(int providerId, IReadOnlyCollection<int> userIds, CancellationToken cancellationToken = default) =>
        (await staff.AmongAsync(providerId, userIds, MentorRole, cancellationToken)).Select(u => new CohortPerson(u.Id, u.DisplayName)).ToList();

    /// <summary>The provider's active mentor with this email address, or null.</summary>
    public Task<int?> FindByEmailAsync(int providerId, string email, CancellationToken cancellationToken = default) =>
        staff.FindByEmailAsync(providerId, email, MentorRole, cancellationToken);

    /// <summary>True when the person is one of the provider's active mentors: a read of that one person.</summary>
    public Task<bool> IsMentorAsync(int providerId, int userId, CancellationToken cancellationToken = default) =>
        staff.IsOneOfAsync(providerId, userId, MentorRole, cancellationToken);
}

/// <summary>An email address plausible enough to write to: the one rule for applicants, imports and accounts made on the way.</summary>
public static class EmailRule
{
    public const int MaxLength = 254;

    public static bool IsPlausible(string email) =>
        email.Length is > 0 and <= MaxLength && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) && email.Contains('.', StringComparison.Ordinal);
}
