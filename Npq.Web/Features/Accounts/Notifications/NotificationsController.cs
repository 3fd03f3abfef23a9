using Microsoft.AspNetCore.Mvc;
using Npq.Core.Notifications;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Accounts.Notifications;

/// <summary>The signed-in person's own notifications.</summary>
[Route("notifications")]
public sealed class NotificationsController(NotificationInbox inbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await inbox.ListAsync(User.GetUserId(), cancellationToken));

    [HttpPost("read")]
    public async Task<IActionResult> MarkAllRead(CancellationToken cancellationToken)
    {
        await inbox.MarkAllReadAsync(User.GetUserId(), cancellationToken);
        return RedirectToAction(nameof(Index));
    }
}
