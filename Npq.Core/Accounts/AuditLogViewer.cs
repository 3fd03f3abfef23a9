using System.Globalization;
using Npq.Core.Auditing;

namespace Npq.Core.Accounts;

/// <summary>What an admin asked the audit log for, as typed: action, person (email), dates (yyyy-MM-dd, UTC days), page and page size.</summary>
public sealed record AuditQuery(string? Action, string? User, string? From, string? To, int Page = 1, int Size = AuditLogViewer.PageSize);

/// <summary>A problem with one filter of the query (field "user", "from" or "to"), shown next to it.</summary>
public sealed record AuditQueryError(string Field, string Message);

/// <summary>
/// One page of the audit log as the viewer shows it: the filters as used, the entries, the names of the people in them
/// ("Name (email)" by user id), every action for the filter, and the problems with the query (when there are any,
/// no entries are read).
/// </summary>
public sealed record AuditLogView(
    string? Action,
    string? User,
    int Page,
    int PageCount,
    int Total,
    IReadOnlyList<AuditEntry> Entries,
    IReadOnlyDictionary<int, string> Names,
    IReadOnlyList<string> Actions,
    IReadOnlyList<AuditQueryError> Errors)
{
    /// <summary>True when more entries match than <see cref="Total"/> (the count stops at a limit).</summary>
    public bool MoreThanTotal { get; init; }
}

/// <summary>
/// The audit log for provider admins: their own provider's entries (<see cref="IAuditLogReader.FilterAsync"/>),
/// filtered by action, person and dates (UTC days), newest first, a page at a time (<see cref="PageSize"/> unless asked;
/// a page past the end shows page 1). The people named in a page are read in one query, not one each.
/// </summary>
public sealed class AuditLogViewer(IAuditLogReader audit, IUserRepository users)
{
    public const int PageSize = 25;

    /// <param name="providerId">The admin's provider: only its entries are shown.</param>
    /// <param name="query">The filters as typed.</param>
    /// <param name="wellFormed">False when the request itself was malformed (then, as for a problem with the query, no entries are read).</param>
    /// <param name="cancellationToken">Stops the reads.</param>
    public async Task<AuditLogView> ViewAsync(int providerId, AuditQuery query, bool wellFormed = true, CancellationToken cancellationToken = default)
    {
        var errors = new List<AuditQueryError>();
        var action = string.IsNullOrWhiteSpace(query.Action) ? null : query.Action.Trim();
        var user = string.IsNullOrWhiteSpace(query.User) ? null : query.User.Trim();
        var fromDate = ParseDate(query.From, "from", errors);
        var toDate = ParseDate(query.To, "to", errors);
        if (fromDate is not null && toDate is not null && toDate < fromDate)
        {
            errors.Add(new AuditQueryError("to", "The ‘to’ date must be the same as or after the ‘from’ date"));
        }

        int? userId = null;
        if (user is not null)
        {
            var found = user.Length <= 256 ? await users.FindByNormalizedEmailAsync(user.ToUpperInvariant(), cancellationToken) : null;
            // Another provider's person is answered as nobody: the page does not say who has an account elsewhere.
            found = found?.ProviderId == providerId ? found : null;
            userId = found?.Id;
            if (found is null)
            {
                errors.Add(new AuditQueryError("user", "No one has that email address"));
            }
        }

        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.Size, 1, 100);
        var filter = new AuditFilter(action, userId,
            fromDate?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            toDate?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            providerId);
        var result = errors.Count > 0 || !wellFormed
            ? new AuditPage([], 0)
            : await audit.FilterAsync(filter, (int)Math.Min(int.MaxValue, ((long)page - 1) * size), size, cancellationToken);
        if (result.Entries.Count == 0 && page > 1 && result.Total > 0)
        {
            page = 1;
            result = await audit.FilterAsync(filter, 0, size, cancellationToken);
        }

        var ids = result.Entries.SelectMany(e => new[] { e.ActorUserId, AuditEntry.SubjectUserId(e.Subject) }).OfType<int>().Distinct().ToList();
        var names = ids.Count == 0
            ? new Dictionary<int, string>()
            : (await users.FindByIdsAsync(ids, cancellationToken)).ToDictionary(p => p.Id, p => $"{p.DisplayName} ({p.Email})");

        var pageCount = Math.Max(1, (result.Total + size - 1) / size);
        return new AuditLogView(action, user, Math.Min(page, pageCount), pageCount, result.Total,
            result.Entries, names, await audit.GetActionsAsync(cancellationToken), errors) { MoreThanTotal = result.MoreThanTotal };
    }

    private static DateOnly? ParseDate(string? value, string field, List<AuditQueryError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new AuditQueryError(field, $"Enter the ‘{field}’ date as a real date, for example 2026-10-01"));
        return null;
    }
}
