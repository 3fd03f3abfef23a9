using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Npq.Core.Accounts;

namespace Npq.Web.Features.Accounts.Account;

/// <summary>
/// Refuses passwords on the shipped list of common passwords (common-passwords.txt, embedded in the assembly),
/// the same with digits or symbols tacked on the end ("password1234!"), and the person's own email address.
/// Length is checked by Identity's own validator (at least 12 characters).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const string ErrorCode = "CommonPassword";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static IReadOnlySet<string> Passwords => List.Value;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IsCommon(password, user.Email)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "This password is too common or too easy to guess. Choose a longer phrase that others would not guess." })
            : IdentityResult.Success);
    }

    public static bool IsCommon(string password, string? email)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(lower))
        {
            return true;
        }

        var stem = lower.TrimEnd("0123456789!@#$%^&*()-_=+.?,;:~ ".ToCharArray());
        if (stem.Length > 0 && List.Value.Contains(stem))
        {
            return true;
        }

        if (lower.Distinct().Count() <= 2)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(email))
        {
            var address = email.ToLowerInvariant();
            var local = address.Split('@')[0];
            if (lower == address || stem == address || (local.Length >= 4 && (lower == local || stem == local)))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> Load()
    {
        var assembly = typeof(CommonPasswordValidator).GetTypeInfo().Assembly;
        using var stream = assembly.GetManifestResourceStream("Npq.Web.Features.Accounts.Account.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded in Npq.Web");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.ToLowerInvariant());
            }
        }

        return set;
    }
}
