using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Notifications;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Email;
using Npq.Web.Infrastructure.Jobs;

namespace Npq.Web.Features.Accounts.AdminMail;

/// <summary>
/// The mail that has not gone out, for provider admins: their own provider's people's pending and failed mail,
/// newest first, 25 a page, with the attempts and the last error, and "Send again" (due now, attempts reset).
/// Another provider's mail is a 404.
/// </summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/mail")]
public sealed class AdminMailController(MailOutboxAdmin outbox, JobQueue jobs, ViewerScope scope) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, string? message = null, CancellationToken cancellationToken = default)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        ViewData["Message"] = message == "queued" ? "The mail is queued to be sent again." : null;
        return View(await outbox.ListUnsentAsync(providerId, page, cancellationToken));
    }

    [HttpPost("{id:int}/send-again")]
    public async Task<IActionResult> SendAgain(int id, int page = 1, CancellationToken cancellationToken = default)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        if (!await outbox.SendAgainAsync(id, providerId, User.GetUserId(), cancellationToken))
        {
            return NotFound();
        }

        await jobs.EnqueueAsync(MailOutboxJob.Key, "mail-now", new Dictionary<string, string>(), cancellationToken);
        return Redirect($"/admin/mail?page={Math.Max(1, page)}&message=queued");
    }
}
