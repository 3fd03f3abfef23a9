using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Data.Accounts;
using Npq.Data.Auditing;
using Npq.Web.Features.Enrolment.CohortAdmin;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Accounts.AdminAudit;

/// <summary>
/// The audit log for provider admins: their own provider's entries (<see cref="IAuditLogReader.FilterAsync"/>),
/// filtered by action, person and dates (UTC days), newest first, paged.
/// </summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/audit")]
public sealed class AdminAuditController(IAuditLogReader audit, IUserRepository users, ViewerScope scope) : Controller
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "action")] string? actionName, string? user, string? from, string? to, int page = 1, CancellationToken cancellationToken = default)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        // "action" is also MVC's route value, so the query parameter is bound by name explicitly.
        var action = string.IsNullOrWhiteSpace(actionName) ? null : actionName.Trim();
        user = string.IsNullOrWhiteSpace(user) ? null : user.Trim();
        var fromDate = ParseDate(from, nameof(from), "from");
        var toDate = ParseDate(to, nameof(to), "to");
        if (fromDate is not null && toDate is not null && toDate < fromDate)
        {
            ModelState.AddModelError(nameof(to), "The ‘to’ date must be the same as or after the ‘from’ date");
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
                ModelState.AddModelError(nameof(user), "No one has that email address");
            }
        }

        page = Math.Max(1, page);
        var filter = new AuditFilter(action, userId,
            fromDate?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            toDate?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            providerId);
        var result = !ModelState.IsValid
            ? new AuditPage([], 0)
            : await audit.FilterAsync(filter, (page - 1) * PageSize, PageSize, cancellationToken);
        var names = new Dictionary<int, string>();
        foreach (var id in result.Entries.SelectMany(e => new[] { e.ActorUserId, SubjectUserId(e.Subject) }).OfType<int>().Distinct())
        {
            if (await users.FindByIdAsync(id, cancellationToken) is { } person)
            {
                names[id] = $"{person.DisplayName} ({person.Email})";
            }
        }

        var pageCount = Math.Max(1, (result.Total + PageSize - 1) / PageSize);
        return View(new AuditViewModel(action, user, from, to, Math.Min(page, pageCount), pageCount, result.Total,
            result.Entries, names, await audit.GetActionsAsync(cancellationToken)));
    }

    public static int? SubjectUserId(string? subject) =>
        subject is not null && subject.StartsWith("user:", StringComparison.Ordinal)
        && int.TryParse(subject.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private DateOnly? ParseDate(string? value, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        ModelState.AddModelError(field, $"Enter the ‘{label}’ date as a real date, for example 2026-10-01");
        return null;
    }
}

public sealed record AuditViewModel(
    string? Action,
    string? User,
    string? From,
    string? To,
    int Page,
    int PageCount,
    int Total,
    IReadOnlyList<AuditEntry> Entries,
    IReadOnlyDictionary<int, string> Names,
    IReadOnlyList<string> Actions)
{
    public string Describe(int? userId) => userId is null ? "—" : Names.TryGetValue(userId.Value, out var name) ? name : $"user {userId}";

    public string PageLink(int page) =>
        $"/admin/audit?action={Uri.EscapeDataString(Action ?? "")}&user={Uri.EscapeDataString(User ?? "")}&from={Uri.EscapeDataString(From ?? "")}&to={Uri.EscapeDataString(To ?? "")}&page={page}";
}
