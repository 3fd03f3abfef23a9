using Npq.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Npq.Data.Notifications;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Accounts.Notifications;

/// <summary>The signed-in person's own notifications.</summary>
[Route("notifications")]
public sealed class NotificationsController(INotificationRepository notifications, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await notifications.GetForUserAsync(User.GetUserId(), 100, cancellationToken));

    [HttpPost("read")]
    public async Task<IActionResult> MarkAllRead(CancellationToken cancellationToken)
    {
        await notifications.MarkAllReadAsync(User.GetUserId(), time.GetUtcNow().UtcDateTime, cancellationToken);
        return RedirectToAction(nameof(Index));
    }
}
