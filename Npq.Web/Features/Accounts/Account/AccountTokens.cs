using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;

namespace Npq.Web.Features.Accounts.Account;

/// <summary>
/// Password-reset links: signed with Data Protection, tied to the user's security stamp (so a link works once:
/// resetting rotates the stamp) and valid for <c>Account:ResetLinkHours</c> (2 by default).
/// </summary>
public sealed class ResetTokenProvider(IDataProtectionProvider protection, IOptions<ResetTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> logger)
    : DataProtectorTokenProvider<AppUser>(protection, options, logger)
{
    public const string ProviderName = "NpqReset";
}

public sealed class ResetTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Invitation links: like reset links but valid for <c>Account:InvitationDays</c> (7 by default); setting the
/// first password rotates the stamp, so the link works once.
/// </summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> logger)
    : DataProtectorTokenProvider<AppUser>(protection, options, logger)
{
    public const string ProviderName = "NpqInvitation";
    public const string Purpose = "Invitation";
}

public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions;
