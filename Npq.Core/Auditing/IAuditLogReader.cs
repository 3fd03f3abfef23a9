namespace Npq.Core.Auditing;

/// <summary>The audit log, read back: filtered and paged for the admin page.</summary>
public interface IAuditLogReader
{
    /// <summary>
    /// One page of entries, newest first, filtered by action, by a user (as actor, or as the subject
    /// <c>user:{id}</c>), by a half-open UTC range [FromUtc, ToUtc) and by provider: an entry belongs to a provider when
    /// one of its people did it, or when nobody signed in did it (a failed sign-in, a reset asked for) and it is about
    /// one of its people, as things were when it was written. Entries that belong to no provider (a sign-in to an
    /// unknown address) are in no provider's view. <see cref="AuditPage.Total"/> stops counting at a limit
    /// (<see cref="AuditPage.MoreThanTotal"/>).
    /// </summary>
    Task<AuditPage> FilterAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>Every action name written so far, for the viewer's filter.</summary>
    Task<IReadOnlyList<string>> GetActionsAsync(CancellationToken cancellationToken = default);
}

/// <summary>What the audit viewer filters on; null means "any". The viewer always passes its admin's provider.</summary>
public sealed record AuditFilter(string? Action, int? UserId, DateTime? FromUtc, DateTime? ToUtc, int? ProviderId = null);

/// <summary>
/// One page of audit entries and how many match in all. The count stops at a limit (10,000 on the site): past it,
/// <see cref="Total"/> is the limit and <see cref="MoreThanTotal"/> is true ("more than 10,000"), so the page's count
/// never reads the whole log.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, bool MoreThanTotal = false)
{
    public const int CountLimit = 10_000;
}
